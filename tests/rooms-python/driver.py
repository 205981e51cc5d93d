#!/usr/bin/env python3
"""A Rooms control-system driver written the way AV integrators write them (the public Extron
driver for this API is the model): requests built with json.dumps, answers read ONLY through
regular expressions over the raw received text, never parsed as JSON. It polls meeting info,
device state, members and the cast code, sends a few commands, and prints what it read.

Usage: driver.py ws://127.0.0.1:6295 PASSWORD. Exits 0 when every answer it polled was read.
The last line is `STATE {...}`: what the driver believes, for comparison with other clients."""
import base64
import json
import re
import socket
import sys
from urllib.parse import urlparse

from client import Ws, check

# The driver's own patterns (as the Extron driver writes them): one per polled id.
ACK = re.compile(r'\{"jsonrpc": "2\.0", "method": "Call\/(?:Device|Meeting|MeetingControl|Share|Invite)", "id": "(%s)", "result": \{.*?\}\}')
QUERY4 = r'\{"jsonrpc": "2\.0", "method": "Query", "id": "%s", "result": \{.*?\}\}\}\}'
QUERY3 = r'\{"jsonrpc": "2\.0", "method": "Query", "id": "%s", "result": \{.*?\}\}\}'

MEETING_STATUS = {0: "Not In Meeting", 1: "In Meeting", 2: "Joining Meeting", 3: "Waiting Room",
                  4: "Sharing Screen Before Meeting", 5: "PSTN Before Meeting"}
MEETING_TYPE = {-1: "Unknown", 0: "One Time Meeting", 1: "Recurring Meeting", 2: "WeChat Meeting",
                3: "Screen Sharing Meeting"}


class Driver:
    def __init__(self, ws):
        self.ws = ws
        self.buffer = ""
        self.unread = 0

    def build(self, rid, method, params):
        return json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})

    def exchange(self, rid, method, params, pattern):
        """Sends a request and waits until `pattern` matches the receive buffer; returns the
        matched text. Text before the match (events, other answers) is dropped, as drivers do."""
        self.ws.send(self.build(rid, method, params))
        for _ in range(20):
            m = re.search(pattern, self.buffer)
            if m:
                self.buffer = self.buffer[m.end():]
                return m.group(0)
            frame = self.ws.recv()
            if frame is None:
                break
            self.buffer += frame
        self.unread += 1
        check(False, f"the answer to {rid!r} was read by the driver's regular expression")

    def query(self, rid, path, braces=4):
        text = self.exchange(rid, "Query", {"path": path}, (QUERY4 if braces == 4 else QUERY3) % re.escape(rid))
        code = int(re.search(r'"result": \{"error_code": (-?\d+)', text).group(1))
        check(code == 0, f"Query {path} ({rid!r}) read, error_code 0")
        return text

    def call(self, rid, module, action, action_params=None):
        params = {"action": action}
        if action_params is not None:
            params["action_params"] = action_params
        text = self.exchange(rid, f"Call/{module}", params, ACK.pattern % re.escape(rid))
        code = int(re.search(r'"result": \{"error_code": (-?\d+)', text).group(1))
        return code, text


def field(text, name, kind="str"):
    """One field of a matched answer, by regex: strings, ints or bools."""
    pattern = {"str": r'"%s": "((?:[^"\\]|\\.)*)"', "int": r'"%s": (-?\d+)', "bool": r'"%s": (true|false)'}[kind]
    m = re.search(pattern % re.escape(name), text)
    check(m is not None, f"field {name} found in the answer")
    v = m.group(1)
    return int(v) if kind == "int" else (v == "true") if kind == "bool" else re.sub(r"\\(.)", r"\1", v)


def main():
    url, password = sys.argv[1], sys.argv[2]
    # As the Extron driver: 'auth-' + base64(password), not URL-encoded.
    d = Driver(Ws(url, "auth-" + base64.b64encode(password.encode()).decode()))

    text = d.query("Meeting Status", ["Meeting", "MeetingInfo"])
    check(MEETING_STATUS[field(text, "meeting_status", "int")] == "Not In Meeting", "idle: Not In Meeting")

    code, _ = d.call("Meeting Control", "Meeting", "JoinMeeting", {"meeting_code": "123 456 789".replace(" ", ""), "password": ""})
    check(code == 0, "JoinMeeting acknowledged with 0")
    for _ in range(20):  # joining takes a while: poll until In Meeting
        text = d.query("Meeting Status", ["Meeting", "MeetingInfo"])
        if field(text, "meeting_status", "int") == 1:
            break
    meeting = {
        "status": MEETING_STATUS[field(text, "meeting_status", "int")],
        "type": MEETING_TYPE[field(text, "meeting_type", "int")],
        "title": field(text, "meeting_title"),
        "id": field(text, "formatted_meeting_code"),
        "creator": field(text, "meeting_creator_name"),
        "password": field(text, "meeting_password"),
        "begin": field(text, "begin_time", "int"),
        "end": field(text, "end_time", "int"),
    }
    check(meeting["status"] == "In Meeting" and meeting["id"] == "123 456 789", "In Meeting, id 123 456 789")

    code, _ = d.call("Microphone Mute", "Device", "EnableMic", {"enable": False})
    check(code == 0, "EnableMic false acknowledged")
    mic_on = field(d.query("Microphone Mute", ["Device", "MicInfo"]), "switch", "bool")
    check(mic_on is False, "the microphone reads off (Microphone Mute: On)")
    camera_on = field(d.query("Camera Mute", ["Device", "CameraInfo"]), "switch", "bool")
    code, _ = d.call("Speaker Volume", "Device", "SetSpeakerVolume", {"volume": 35})
    check(code == 0, "SetSpeakerVolume 35 acknowledged")
    volume = field(d.query("Speaker Volume", ["Device", "SpeakerInfo"]), "volume", "int")
    check(volume == 35, "the speaker volume reads 35")

    text = d.query("Meeting Participants Update", ["Members"])
    members = re.findall(r'"user_id": "([^"]*)".*?"nickname": "((?:[^"\\]|\\.)*)"', text)
    check(len(members) >= 2, f"{len(members)} participants read")
    code, _ = d.call("Meeting Participants Audio Mute", "MeetingControl", "MuteMember", {"user_id": members[1][0]})
    check(code == 10022, "MuteMember as an attendee answers 10022 (not host)")

    cast_code = field(d.query("Share Cast Code", ["Share"]), "cast_code")
    text = d.query("Meeting List", ["Meeting", "MeetingList"], braces=3)
    meeting_list = re.findall(r'"formatted_meeting_code": "([^"]*)", "meeting_title": "((?:[^"\\]|\\.)*)"', text)
    check(len(meeting_list) >= 1, f"{len(meeting_list)} scheduled meetings read")

    code, _ = d.call("Meeting Control", "Meeting", "LeaveMeeting")
    check(code == 0, "LeaveMeeting acknowledged")
    code, _ = d.call("Camera Mute", "Device", "EnableCamera", {"enable": True})
    check(code == 20001, "EnableCamera true while on answers 20001")
    check(d.unread == 0, "every polled answer was read")
    d.ws.close()

    # The device serves "/" only: another path gets HTTP 404 with a reason.
    u = urlparse(url)
    s = socket.create_connection((u.hostname, u.port), timeout=5)
    s.sendall(f"GET /control HTTP/1.1\r\nHost: {u.hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
    head = s.recv(4096).decode("latin-1")
    s.close()
    check(head.startswith("HTTP/1.1 404") and "served at / only" in head, "a path other than / gets 404 naming /")

    state = {"meeting": meeting, "mic_on": mic_on, "camera_on": camera_on, "volume": volume,
             "members": [name for _, name in members], "cast_code": cast_code,
             "meeting_list": [code for code, _ in meeting_list]}
    print("STATE " + json.dumps(state, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
