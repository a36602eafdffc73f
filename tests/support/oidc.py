"""A real OpenID Connect provider on localhost for the login tests (tests/support/oidc_provider/).

One process per test module (start it from a module-scoped fixture): it
migrates a fresh SQLite database, registers KIBS as its client and serves
on a free port. Its people live in people.json, which the tests rewrite to
move someone in or out of a group between two logins.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from allauth.socialaccount.models import SocialApp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from identity.models import MunicipalLogin

ROOT = Path(__file__).resolve().parent.parent.parent
CLIENT_ID = "kibs-test-client"
CLIENT_SECRET = "kibs-test-secret"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def private_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


class LocalProvider:
    def __init__(self, directory, kibs_url, provider_id):
        self.directory = Path(directory)
        self.provider_id = provider_id
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/o"
        self.callback = f"{kibs_url}/accounts/oidc/{provider_id}/login/callback/"
        self.after_logout = f"{kibs_url}/accounts/login/"
        self.people = {}
        self.process = None

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "key.pem").write_text(private_key_pem())
        self._write_people()
        env = {
            **os.environ,
            "OIDC_TEST_DIR": str(self.directory),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": self.callback,
            "OIDC_POST_LOGOUT_REDIRECT_URIS": self.after_logout,
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.oidc_provider.serve", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The test provider stopped: {self.process.stderr.read()}")
            try:
                with urllib.request.urlopen(f"{self.url}/.well-known/openid-configuration", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("The test provider did not start within a minute.")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def set_person(self, username, password, groups, name="Rita Rektor", email="rita@example.test"):
        given, _, family = name.partition(" ")
        self.people[username] = {
            "password": password,
            "groups": list(groups),
            "name": name,
            "given_name": given,
            "family_name": family,
            "email": email,
        }
        self._write_people()

    def _write_people(self):
        (self.directory / "people.json").write_text(json.dumps(self.people))

    def register(self, *municipalities, name="Testkommunens innlogging"):
        """The provider as KIBS's administrator would set it up: a SocialApp, linked to the municipalities."""
        app = SocialApp.objects.create(
            provider="openid_connect",
            provider_id=self.provider_id,
            name=name,
            client_id=CLIENT_ID,
            secret=CLIENT_SECRET,
            settings={"server_url": self.url},
        )
        for municipality in municipalities:
            MunicipalLogin.objects.update_or_create(municipality=municipality, defaults={"provider": app})
        return app
