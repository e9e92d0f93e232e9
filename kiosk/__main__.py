from kiosk.cli.entry import main

main()
