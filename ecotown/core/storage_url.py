"""`STORAGE_URL`: where uploads and generated PDFs live, written as one URL.

- empty: a folder on this machine (`MEDIA_ROOT`, under `var/` by default): the embedded default.
- `file:///srv/ecotown/files`: a folder named here, e.g. one that web servers and workers share.
- `s3://bucket?endpoint_url=https://s3.example.org&region_name=eu-central-1`: an S3-compatible
  object store through django-storages (`pip install -e '.[s3]'`). Credentials come from the
  usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables, never from the URL.

Files are written once under names made of their content's hash and read back through Django's
storage API only; nothing is served from a public address (the views check each reader).
"""

from urllib.parse import parse_qsl, unquote, urlsplit

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
# Options an s3:// URL may set; others are refused so that a typo does not pass unnoticed.
S3_OPTIONS = {"endpoint_url", "region_name", "location", "addressing_style", "signature_version"}


class StorageURLError(ValueError):
    pass


def storage_from_url(url: str) -> dict:
    """The STORAGES["default"] entry for `url`."""
    url = (url or "").strip()
    if not url:
        # No location: FileSystemStorage follows MEDIA_ROOT, as the tests' overrides expect.
        return {"BACKEND": FILESYSTEM}
    parts = urlsplit(url)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise StorageURLError(f"STORAGE_URL: a file URL names an absolute path: {url}")
        # base_url None: these files have no public address; views serve them.
        return {"BACKEND": FILESYSTEM, "OPTIONS": {"location": unquote(parts.path)}}
    if parts.scheme == "s3":
        if not parts.netloc or parts.username or parts.password:
            raise StorageURLError("STORAGE_URL: s3://bucket?options, with no credentials in it")
        options = dict(parse_qsl(parts.query))
        unknown = set(options) - S3_OPTIONS
        if unknown:
            raise StorageURLError(f"STORAGE_URL: unknown s3 options {sorted(unknown)}")
        return {
            "BACKEND": S3,
            "OPTIONS": {
                "bucket_name": parts.netloc,
                **options,
                # Private objects, never overwritten: a name is its content's hash.
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    raise StorageURLError(f"STORAGE_URL: unsupported scheme {parts.scheme!r} (file:, s3:)")
