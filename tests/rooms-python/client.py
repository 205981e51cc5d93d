#!/usr/bin/env python3
"""A Rooms control API client in Python's standard library only: WebSocket over a raw socket,
as AV control systems do. Proves the emulator's wire format does not depend on our TypeScript
client. Usage: client.py ws://127.0.0.1:6295 PASSWORD. Exits 0 when every check passes."""
import base64
import hashlib
import json
import os
import socket
import struct
import sys
from urllib.parse import urlparse

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Ws:
    def __init__(self, url, protocol):
        u = urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port or 6295), timeout=5)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            f"GET {u.path or '/'} HTTP/1.1",
            f"Host: {u.hostname}:{u.port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
        ]
        if protocol is not None:
            lines.append(f"Sec-WebSocket-Protocol: {protocol}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("connection closed during handshake")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        text = head.decode("latin-1")
        status = text.split("\r\n")[0]
        if " 101 " not in status + " ":
            raise RuntimeError(f"handshake refused: {status}")
        headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in text.split("\r\n")[1:])}
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        check(headers.get("sec-websocket-accept") == accept, "Sec-WebSocket-Accept is correct")
        if protocol is not None:
            check(headers.get("sec-websocket-protocol") == protocol, "the offered auth- protocol is echoed verbatim")

    def send(self, text):
        data = text.encode("utf-8")
        mask = os.urandom(4)
        n = len(data)
        if n < 126:
            header = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(header + mask + masked)

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("socket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv(self):
        """Returns the next text message, or None when the server closes."""
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", self._read(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", self._read(8))
            payload = self._read(n)
            if opcode == 0x8:
                return None
            if opcode == 0x9:  # ping: answer with pong
                self.sock.sendall(struct.pack("!BB", 0x8A, 0x80 | len(payload)) + b"\0\0\0\0" + payload)
                continue
            if opcode == 0x1:
                return payload.decode("utf-8")

    def close(self):
        try:
            self.sock.sendall(struct.pack("!BB", 0x88, 0x82) + b"\0\0\0\0" + struct.pack("!H", 1000))
        finally:
            self.sock.close()


checks = 0


def check(ok, what):
    global checks
    if not ok:
        print(f"FAIL {what}", flush=True)
        sys.exit(1)
    checks += 1
    print(f"ok   {what}", flush=True)


def rpc(ws, method, params, rid):
    ws.send(json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}))
    while True:
        msg = json.loads(ws.recv())
        if msg.get("id") == rid:
            check(msg.get("method") == method, f"{method} answer echoes id {rid!r} and method")
            return msg["result"]


def main():
    url, password = sys.argv[1], sys.argv[2]
    # The public third-party driver form: btoa(password) without URL-encoding.
    raw = "auth-" + base64.b64encode(password.encode()).decode()
    ws = Ws(url, raw)
    r = rpc(ws, "Query", {"path": ["Share"]}, "py-1")
    check(r["error_code"] == 0 and "share_info" in r["data"]["share"], 'Query ["Share"] answers data.share.share_info')
    r = rpc(ws, "Call/Share", {"action": "StartShare", "action_params": {"share_type": 0, "fluency_first": True}}, 2)
    check(r["error_code"] == 10000 and r["action"] == "StartShare", "StartShare outside a meeting answers 10000")
    r = rpc(ws, "Call/Meeting", {"action": "JoinMeeting", "action_params": {"meeting_code": "123456789"}}, "py-3")
    check(r["error_code"] == 0, "JoinMeeting answers 0")
    r = rpc(ws, "Subscribe", {"path": ["Share"]}, "py-4")
    check(r["error_code"] == 0, 'Subscribe ["Share"] answers 0')
    ws.send(json.dumps({"jsonrpc": "2.0", "id": "py-5", "method": "Call/Share",
                        "params": {"action": "StartShare", "action_params": {"share_type": 0, "fluency_first": True}}}))
    got = {}
    while len(got) < 2:
        msg = json.loads(ws.recv())
        got["reply" if msg.get("id") == "py-5" else msg.get("method")] = msg
    check(got["reply"]["result"]["error_code"] == 0, "StartShare in a meeting answers 0")
    event = got.get("Event/Share", {}).get("params", {})
    check(event.get("sub_event") == "ShareInfoChanged" and event["share_info"]["is_sharing"], "Event/Share ShareInfoChanged is pushed")
    r = rpc(ws, "Call/Share", {"action": "EndQuickShare", "meeting_type": "castMeeting"}, "py-6")
    check(r["error_code"] == 0, "EndQuickShare with meeting_type directly in params answers 0")
    ws.send("{not json")
    msg = json.loads(ws.recv())
    while msg.get("method", "").startswith("Event/"):  # skip events pushed by EndQuickShare
        msg = json.loads(ws.recv())
    check(msg.get("error", {}).get("code") == -32700 and msg.get("id") is None, "bad JSON answers JSON-RPC -32700")
    r = rpc(ws, "Call/Meeting", {"action": "LeaveMeeting"}, "py-7")
    check(r["error_code"] == 0, "LeaveMeeting answers 0")
    ws.close()
    bad = Ws(url, "auth-" + base64.b64encode(b"wrong").decode())
    bad.send(json.dumps({"jsonrpc": "2.0", "id": "py-8", "method": "Query", "params": {"path": ["Share"]}}))
    msg = json.loads(bad.recv())
    check(msg["result"]["error_code"] == 16, "a wrong password answers 16")
    check(bad.recv() is None, "then the device closes the connection")
    bad.sock.close()
    print(f"python client: {checks} checks passed", flush=True)


if __name__ == "__main__":
    main()
