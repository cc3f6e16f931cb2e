from django.urls import path

from inkludera.invoicing import views

app_name = "invoicing"
urlpatterns = [
    path("invoice/<int:pk>/", views.invoice_detail, name="invoice"),
    path("invoice/<int:pk>/pay/", views.invoice_pay, name="pay"),
    path("invoice/<int:pk>/credit/", views.invoice_credit, name="credit"),
    path("invoice/<int:pk>/peppol.xml", views.invoice_ubl, name="ubl"),
    path("invoice/<int:pk>/invoice.pdf", views.invoice_pdf, name="pdf"),
    path("from/order/<int:pk>/", views.from_order, name="from_order"),
    path("from/booking/<int:pk>/", views.from_booking, name="from_booking"),
    path(
        "from/agreement/<int:pk>/<int:year>/<int:month>/",
        views.from_agreement,
        name="from_agreement",
    ),
    path("<slug:slug>/", views.seller_list, name="seller_list"),
    path("<slug:slug>/new/", views.invoice_new, name="new"),
    path("<slug:slug>/received/", views.buyer_list, name="buyer_list"),
    path("<slug:slug>/settings/", views.invoice_settings, name="settings"),
]
