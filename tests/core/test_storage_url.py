"""STORAGE_URL: the embedded default, a shared folder, an S3-compatible object store."""

import pytest

from ecotown.core.storage_url import StorageURLError, storage_from_url


def test_empty_is_the_media_folder_of_this_machine():
    assert storage_from_url("") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_file_url_names_a_shared_folder():
    assert storage_from_url("file:///srv/shared/ecotown%20files") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/shared/ecotown files"},
    }


def test_an_s3_url_configures_private_objects_that_are_never_overwritten():
    url = "s3://ecotown-files?endpoint_url=https://s3.example.org&region_name=eu-central-1"
    assert storage_from_url(url) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "ecotown-files",
            "endpoint_url": "https://s3.example.org",
            "region_name": "eu-central-1",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


@pytest.mark.parametrize(
    "url",
    [
        "s3://key:secret@bucket",  # credentials belong in the environment, not the URL
        "s3://bucket?acl=public-read",  # unknown option
        "file://server/share",  # not a local path
        "ftp://host/files",
    ],
)
def test_a_url_that_cannot_be_meant_is_refused(url):
    with pytest.raises(StorageURLError):
        storage_from_url(url)


def test_the_s3_backend_loads_with_the_pinned_django_storages():
    from django.utils.module_loading import import_string

    config = storage_from_url("s3://bucket?endpoint_url=http://127.0.0.1:1")
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    assert (storage.bucket_name, storage.file_overwrite, storage.default_acl) == (
        "bucket",
        False,
        "private",
    )
