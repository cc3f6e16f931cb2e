from django.urls import path

from inkludera.orders import views

app_name = "orders"

# Every page here is in the access tests (tests/test_access.py).
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/accept-change/", views.accept_change, name="accept_change"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/propose/", views.propose, name="propose"),
    path("<int:pk>/deliver/", views.deliver, name="deliver"),
    path("spend/", views.spend_index, name="spend_index"),
    path("received/<slug:slug>/", views.asf_list, name="asf_list"),
    path("<slug:slug>/", views.buyer_list, name="buyer_list"),
    path("<slug:slug>/new/", views.new, name="new"),
    path("<slug:slug>/purchases/", views.purchases, name="purchases"),
    path("<slug:slug>/spend/", views.spend, name="spend"),
]
