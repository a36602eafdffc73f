"""Start the test provider: migrate its database, register KIBS as its client, serve until killed.

python -m tests.support.oidc_provider.serve PORT  (with the environment settings.py reads)
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.support.oidc_provider.settings"


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main(port):
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", run_syncdb=True, verbosity=0)
    Application.objects.update_or_create(
        client_id=os.environ["OIDC_CLIENT_ID"],
        defaults={
            "name": "KIBS",
            "client_secret": os.environ["OIDC_CLIENT_SECRET"],
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": os.environ["OIDC_REDIRECT_URIS"],
            "post_logout_redirect_uris": os.environ["OIDC_POST_LOGOUT_REDIRECT_URIS"],
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )
    server = make_server("127.0.0.1", port, WSGIHandler(), server_class=ThreadingServer, handler_class=QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]))
