from kiosk.entry import main

main()
