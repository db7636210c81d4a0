"""Cleaning never opens a network connection, not even a DNS lookup.

Sockets are blocked for the whole test (connecting, binding or resolving raises), then HTML with external
resources, a URL, and text are cleaned through the library and through the CLI. The
guard is checked first so the test could fail: a connection attempt does raise.
"""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

import newsclean
from newsclean.cli.command import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network use attempted: {args!r}")

    # Methods, not the class: ssl and others subclass socket.socket at import time.
    for method in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, method, refuse)
    for function in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, function, refuse)


PAGE = """<html lang="en"><head><title>Storm hits coast | Daily News</title>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script src="https://ads.example.com/ad.js"></script>
<meta property="og:url" content="https://news.example.com/storm">
<link rel="canonical" href="https://news.example.com/storm"></head>
<body><article><h1>Storm hits coast</h1>
<img src="https://img.example.com/storm.jpg" alt="storm">
<iframe src="https://video.example.com/embed/1"></iframe>
<p>The storm hit the coast on Monday, officials said, and thousands lost power.</p>
<p>Please enter your comment!</p>
<p>Repair crews worked through the night, the utility said in a statement.</p>
<p>Readers can follow updates at https://news.example.com/live.</p>
</article></body></html>"""


def test_the_guard_does_block_connections(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.com", 80)


def test_clean_makes_no_connection(no_network):
    doc = newsclean.clean(PAGE, url="https://news.example.com/storm")
    assert "The storm hit the coast on Monday, officials said, and thousands lost power." in doc.paragraphs
    newsclean.clean(PAGE.encode("utf-8"))
    newsclean.clean("Storm hits coast\nThe storm hit the coast, see https://example.com/a for more.\nLeave a Reply")


def test_the_cli_makes_no_connection(no_network, tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    text = tmp_path / "article.txt"
    text.write_text("Storm hits coast\nThe storm hit the coast on Monday, officials said.\nLeave a Reply\n")
    for mode in ("--check", "--explain"):
        assert main([mode, str(page), str(text)]) in (0, 1)  # 123 would be an error
    assert main(["--fix", str(text)]) in (0, 1)  # HTML is not fixed in place
    assert "Leave a Reply" not in text.read_text()


def test_a_fresh_interpreter_cleans_with_sockets_blocked(tmp_path):
    # Imports too (trafilatura, langdetect, ftfy) must not reach out: block before importing.
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('network use attempted: %r' % (a,))\n"
        "socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse\n"
        "socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse\n"
        "import sys, newsclean\n"
        "doc = newsclean.clean(sys.stdin.read(), url='https://news.example.com/storm')\n"
        "print(len(doc.paragraphs))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], input=PAGE, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 2
