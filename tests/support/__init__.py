"""What tests share, imported as a package (`from tests.support.probes import cli`):

    paths.py             ROOT (the repository) and LABS (transcripts/labs)
    fakes.py             a stand-in for the engine, for front-end tests (FakeLab)
    ssh.py               a lab's SSH server in this process, on free ports (with_server), with
                         the control port and telnet consoles too (with_consoles)
    probes.py            `asa-emulator` in a child process as a user runs it (cli, served),
                         the real OpenSSH client, a folder tree's hash
    telnet.py            a raw telnet client (RawClient)
    classroom.py         a classroom made with the CLI, `serve --classroom` in a child
                         process (ClassServed), an asyncssh console client (Term)
    pty_screen.py        a real pseudo-terminal read by a terminal emulator (PtyScreen)
    labfiles.py          a lab folder with a given lab.toml, and a run against it; the
                         bench's generated lab of N contexts, settled (generated_lab)
    sessions.py          a unit's privileged EXEC in this process, lines run (privileged)
    lab_shows.py         every unit's output of the shows a saved lab must print alike
    load_labs.py         labs loaded in a fresh process, serially or from threads (a script)
    grammar.py           the composed grammar, the corpus of typed lines, parses to compare
    judges.py            the script real parsers judge, and its outputs
    loops.py             an event loop looked at: its timers, its selector's waits; a loop
                         whose time is virtual (VirtualTimeLoop)
    ticks.py             every hello tick computed (bypassed): the reference of cost tests
    work.py              the calls and lines of the package a command runs (counted)
    every_tick_server.py `asa-emulator ARGS` with every tick computed (a script, not imported)
"""
