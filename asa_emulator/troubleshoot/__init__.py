"""The troubleshooting commands of a context: `packet-tracer` and packet capture.

- `packet_tracer.py`: the walk of one made-up packet through a context's policy (routes,
  access lists, security levels) without changing anything, and its text and XML forms;
- `capture.py`: captures, a tap on the traffic engine that records the packets `@traffic`
  moves, and the `show capture` renderers;
- `commands.py`: their command handlers.

It sits beside traffic/ (it reads the traffic engine; the engine knows it only as a tap).
"""
