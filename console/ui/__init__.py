"""The Gradio UI: the only package that imports gradio.

``layout.py`` builds the page; ``events.py`` wires its events; ``relabel.py`` relabels it
in the viewer's language; ``wiring.py`` maps component names to components; ``scripts.py``
holds the page's JavaScript; ``choices.py`` the menu choices that layout and relabel share;
``chat.py`` holds the customer chat's handlers, ``staff.py`` the support team's; ``state.py``
the typed chat state; ``render.py`` how text is shown; ``labels.py`` the viewer's language;
``files.py`` where exports live.
"""

from console.ui.layout import build_ui, launch_kwargs

__all__ = ["build_ui", "launch_kwargs"]
