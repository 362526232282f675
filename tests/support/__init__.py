"""What tests share, imported as a package (`from tests.support.probes import cli`):

    paths.py             ROOT (the repository) and LABS (transcripts/labs)
    fakes.py             a stand-in for the engine, for front-end tests (FakeLab)
    ssh.py               a lab's SSH server in this process, on free ports (with_server)
    probes.py            `asa-emulator` in a child process as a user runs it (cli, served),
                         the real OpenSSH client, a folder tree's hash
    telnet.py            a raw telnet client (RawClient)
    pty_screen.py        a real pseudo-terminal read by a terminal emulator (PtyScreen)
    every_tick_server.py `asa-emulator ARGS` with no quiet tick skipped (a script, not imported)
"""
