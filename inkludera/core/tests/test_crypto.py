import pytest

from inkludera.core.crypto import decrypt, encrypt, lookup_hash


def test_encrypted_value_round_trips_and_hides_the_number():
    token = encrypt("191212121212")
    assert "191212121212" not in token
    assert decrypt(token) == "191212121212"
    assert encrypt("191212121212") != token  # a fresh IV each time


def test_lookup_hash_is_stable_keyed_and_not_the_plain_sha256():
    import hashlib

    assert lookup_hash("191212121212") == lookup_hash("191212121212")
    assert lookup_hash("191212121212") != lookup_hash("195005050512")
    assert lookup_hash("191212121212") != hashlib.sha256(b"191212121212").hexdigest()


def test_another_key_cannot_decrypt(settings):
    token = encrypt("191212121212")
    settings.PERSONAL_DATA_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMDA="
    with pytest.raises(ValueError, match="another key"):
        decrypt(token)
