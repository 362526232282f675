"""`show users` (issue 20): the console and the SSH sessions of the unit, `*` on the one that
asks, idle times in virtual time since each session's last command."""

from __future__ import annotations

from asa_emulator import api

HEADER = "    Line       User       Host(s)              Idle       Location"


def test_idle_times_follow_the_virtual_clock_per_session() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(["enable", ""])
    ssh = lab.ssh_open("primary", "admin", "10.1.0.5", "aes128-ctr", "sha1", lambda: None)
    assert ssh is not None
    ssh.execute("enable")
    ssh.execute("cisco")
    lab.run(["@wait 65s"])
    assert ssh.execute("show users") == [
        HEADER,
        "   0 con 0                idle                 00:01:05",
        "*  1 ssh 0     admin      idle                 00:00:00 10.1.0.5"]
    lab.run(["@wait 2m"])
    out = lab.run(["show users"])
    assert out[-3:] == [HEADER,
                        "*  0 con 0                idle                 00:00:00",
                        "   1 ssh 0     admin      idle                 00:02:00 10.1.0.5"]
    # a context lists its own SSH sessions; the other context has none
    lab.run(["changeto context ctx1"])
    assert lab.run(["show users"])[-2:] == [HEADER, "*  0 con 0                idle                 00:00:00"]
    lab.ssh_close(ssh)
    lab.run(["changeto system"])
    assert lab.run(["show users"])[-2:] == [HEADER, "*  0 con 0                idle                 00:00:00"]
