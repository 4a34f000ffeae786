"""Outbound HTTP to URLs that visitors type: only public hosts on a Space, checked at every connection.

Why a network backend and not a check of the URL alone: a name that resolves to a public address when checked can
resolve to 127.0.0.1 a moment later (DNS rebinding), and the openai client follows redirects. The guarded client
resolves the host itself at connect time, refuses loopback, private, link-local (cloud metadata included), shared,
reserved and multicast addresses, and connects to the very address it checked — so no redirect, rebinding or
IPv4-in-IPv6 spelling reaches an internal service. TLS still verifies the certificate against the host name.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import httpcore
import httpx

METADATA_HOSTS = frozenset({"metadata", "metadata.google.internal", "metadata.goog", "instance-data",
                            "instance-data.ec2.internal"})
"""Names of cloud metadata services; their addresses are link-local and refused anyway, the names fail earlier."""
_EMBEDDING = tuple(ipaddress.ip_network(net) for net in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96"))
"""IPv6 ranges whose last 32 bits are an IPv4 address a translator may reach: NAT64 (well-known and local-use),
IPv4-compatible and SIIT's IPv4-translated forms. Python calls ``::7f00:1`` or ``64:ff9b:1::7f00:1`` global."""
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_REPLY_BYTES = 2**20
"""The longest reply read: a chat completion of the demo's 700 tokens, or a label extraction, is a few kilobytes."""


class UnsafeURL(ValueError):
    """A URL the server refuses to contact; ``str(error)`` is meant for the visitor and reveals nothing internal."""


def check_url(url: str, *, allow_private: bool) -> str:
    """The URL stripped of blanks if it may be used as an API base URL, else :class:`UnsafeURL`.

    Always refused: schemes other than http(s), credentials in the URL, query strings and fragments (the client
    appends paths to the base URL; a query string would rewrite them). With ``allow_private=False`` the host must
    also resolve to public addresses only.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeURL("the base URL is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL("the base URL must start with http:// or https:// and name a host")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL("the base URL must not contain a user name or password; give the key in the API key field")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise UnsafeURL("the base URL must not contain a query string or fragment")
    if not allow_private:
        public_addresses(parts.hostname, port or (443 if parts.scheme == "https" else 80))
    return url


def public_addresses(host: str, port: int) -> list[str]:
    """The host's addresses, all public; :class:`UnsafeURL` when it does not resolve or any address is internal.

    Every address must be public, not just the first: otherwise a name with one public and one internal record would
    pass the check and then connect wherever the resolver's order puts it.
    """
    if host.rstrip(".").lower() in METADATA_HOSTS:
        raise UnsafeURL("this host is not allowed: only public internet addresses can be used from this server")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise UnsafeURL(f"the host '{host}' could not be resolved") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses or not all(is_public(ipaddress.ip_address(address.split("%")[0])) for address in addresses):
        raise UnsafeURL("this host is not allowed: only public internet addresses can be used from this server")
    return addresses


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address, looking through IPv4-mapped, IPv4-compatible, IPv4-translated,
    6to4, Teredo and NAT64 forms."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if any(address in network for network in _EMBEDDING) and address != ipaddress.IPv6Address("::"):
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(inner is not None and not is_public(inner) for inner in embedded):
            return False
    return address.is_global and not address.is_multicast


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Connects only to public addresses, to the address it checked (no second resolution)."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        try:
            address = public_addresses(host, port)[0]
        except UnsafeURL as error:
            raise httpcore.ConnectError(str(error)) from None
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class _BoundedReply(httpx.SyncByteStream):
    """A reply body that fails past :data:`MAX_REPLY_BYTES` or its deadline, instead of being read to its end."""

    def __init__(self, stream: httpx.SyncByteStream, deadline: float) -> None:
        self.stream, self.deadline = stream, deadline

    def __iter__(self) -> Iterator[bytes]:
        read = 0
        for chunk in self.stream:
            read += len(chunk)
            if read > MAX_REPLY_BYTES:
                raise httpx.ReadError(f"the reply is longer than {MAX_REPLY_BYTES:,} bytes")
            if time.monotonic() > self.deadline:
                raise httpx.ReadTimeout("the reply did not end in time")
            yield chunk

    def close(self) -> None:
        self.stream.close()


class _BoundedTransport(httpx.HTTPTransport):
    """Each reply must end within ``seconds`` of its request and :data:`MAX_REPLY_BYTES`: the read timeout alone
    bounds only the gap between two chunks, so a server sending a byte at a time, or gigabytes at full speed, held a
    thread or filled the memory of the hub's process."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = time.monotonic() + self.seconds
        response = super().handle_request(request)
        assert isinstance(response.stream, httpx.SyncByteStream)  # what a sync transport returns
        response.stream = _BoundedReply(response.stream, deadline)
        return response


def http_client(timeout: float, *, allow_private: bool) -> httpx.Client:
    """An httpx client for the openai SDK that never follows redirects, reads each reply for at most ``timeout``
    seconds and :data:`MAX_REPLY_BYTES` and, unless ``allow_private``, only ever connects to public addresses.
    Environment proxies are ignored: an explicit transport is used."""
    transport = _BoundedTransport(timeout)
    if not allow_private:
        # httpx builds its httpcore pool itself; replacing it is the one way to choose the network backend
        transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                                  network_backend=_PublicOnlyBackend())
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False)
