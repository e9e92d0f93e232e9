"""The manager area's part of the kiosk's stylesheet, scoped to ``#ManagerArea``.

Calm light background, one accent, text at least 4.5:1 against its background, 24 px body text
and touch targets of at least 64 px. The manager area applies it to itself so it looks right
wherever it is embedded; the lead may fold it into the app's one stylesheet instead.
"""

QSS = """
#ManagerArea, #ManagerArea #PageBody, #ManagerArea QScrollArea { background: #F6F4EF; }
#ManagerArea, #ManagerArea * { font-family: "Atkinson Hyperlegible"; }
#ManagerArea { color: #1B1B1F; font-size: 24px; }
#ManagerArea QLabel { color: #1B1B1F; font-size: 24px; }
#ManagerArea #TopBar { background: #FFFFFF; border-bottom: 2px solid #D6D2C8; }
#ManagerArea #AreaTitle { font-size: 32px; font-weight: bold; }
#ManagerArea #SchoolName { color: #4A4A55; }
#ManagerArea #NavRail { background: #FFFFFF; border-right: 2px solid #D6D2C8; }
#ManagerArea #NavButton {
    min-height: 64px; padding: 0 16px; text-align: left; border: none; border-radius: 12px;
    background: transparent; color: #1B1B1F; font-size: 24px;
}
#ManagerArea #NavButton:checked { background: #1F5FAD; color: #FFFFFF; font-weight: bold; }
#ManagerArea #PageTitle { font-size: 32px; font-weight: bold; padding: 4px 0 8px 0; }
#ManagerArea #SectionTitle { font-size: 24px; font-weight: bold; }
#ManagerArea #FieldLabel { color: #3D3D47; }
#ManagerArea #StatusText { color: #1E6B34; }
#ManagerArea #ErrorText, #ManagerArea QLabel[problem="true"] { color: #A61B1B; font-weight: bold; }
#ManagerArea #Tile { background: #FFFFFF; border: 2px solid #D6D2C8; border-radius: 16px; }
#ManagerArea #TileValue { font-size: 40px; font-weight: bold; }
#ManagerArea #TileCaption { color: #3D3D47; }
#ManagerArea #FaceBars, #ManagerArea #TrendChart { font-size: 24px; }
#ManagerArea QPushButton {
    min-height: 64px; min-width: 64px; padding: 0 24px; border-radius: 12px; font-size: 24px;
    border: 2px solid #1F5FAD; background: #FFFFFF; color: #1F5FAD;
}
#ManagerArea QPushButton:checked { background: #1F5FAD; color: #FFFFFF; }
#ManagerArea QPushButton:disabled { border-color: #B5B1A8; color: #6B6B75; }
#ManagerArea QPushButton:focus { outline: none; border: 3px solid #0B2E59; }
#ManagerArea #PrimaryButton { background: #1F5FAD; color: #FFFFFF; font-weight: bold; }
#ManagerArea #PrimaryButton:disabled { background: #E4E1DA; color: #5C5C66; }
#ManagerArea #DangerButton { border-color: #A61B1B; color: #A61B1B; }
#ManagerArea #DayStep { padding: 0; min-width: 72px; }
#ManagerArea #DayShown { font-weight: bold; }
#ManagerArea QLineEdit, #ManagerArea QComboBox {
    min-height: 60px; padding: 0 12px; font-size: 24px; color: #1B1B1F;
    background: #FFFFFF; border: 2px solid #8C887F; border-radius: 10px;
}
#ManagerArea QLineEdit:focus, #ManagerArea QComboBox:focus { border: 3px solid #1F5FAD; }
#ManagerArea QComboBox QAbstractItemView { font-size: 24px; background: #FFFFFF; }
#ManagerArea #CardsTable {
    font-size: 22px; background: #FFFFFF; alternate-background-color: #F6F4EF;
    gridline-color: #E4E1DA; selection-background-color: #D9E4F2; selection-color: #1B1B1F;
}
#ManagerArea QHeaderView::section {
    font-size: 22px; font-weight: bold; padding: 8px; background: #EDEAE3; color: #1B1B1F;
    border: none; border-bottom: 2px solid #D6D2C8;
}
#ManagerArea #FollowUpItem {
    background: #FFFFFF; border: 2px solid #D6D2C8; border-left: 8px solid #1F5FAD;
    border-radius: 12px;
}
#ManagerArea #FollowUpItem[overdue="true"] { border-left: 8px solid #A61B1B; }
#ManagerArea #FollowUpName { font-weight: bold; }
#ManagerArea #FollowUpComment { font-style: italic; color: #3D3D47; }
#ManagerArea #Countdown { font-weight: bold; color: #1E6B34; }
#ManagerArea #Countdown[overdue="true"] { color: #A61B1B; }
#ManagerArea QScrollBar:vertical { width: 24px; }
"""
