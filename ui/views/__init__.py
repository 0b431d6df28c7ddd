"""One module per tab of the app; each ``build(...)`` lays out its tab and wires its
handlers to the services it is given. Handlers parse input, call one service method and
render; rendering helpers (HTML, SVG) live beside them."""
