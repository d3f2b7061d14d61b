import sys

if sys.argv[1:2] == ["serve"]:
    # Started before the command line's own imports (folium and the rest, a second on this
    # machine), which held back the server's first answer; serve warms them on a thread later.
    from mapping.ui.serve import serve

    sys.exit(serve(sys.argv[2:]))

from mapping.cli import main

sys.exit(main())
