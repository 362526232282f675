"""Terminals that never answer the cursor-position request (some IDE consoles, a program
driving a pty): prompt_toolkit would print `WARNING: your terminal doesn't support cursor
position requests (CPR)` once per application, and the lab terminal opens several (each
console's prompt, the More prompt, the split view).  Instead it stops asking, for all of them:
without the answer only the room left for the completion menu is guessed."""

from __future__ import annotations

from typing import Any, TypeVar

A = TypeVar("A")


def quiet_cpr(app: A) -> A:
    """`app` (a prompt_toolkit Application) stops asking for CPR, silently, once it has found
    that the terminal does not answer; the shared output remembers it for later applications."""
    output: Any = app.output  # type: ignore[attr-defined]

    def not_supported() -> None:
        if hasattr(output, "enable_cpr"):
            output.enable_cpr = False

    app.renderer.cpr_not_supported_callback = not_supported  # type: ignore[attr-defined]
    return app
