"""The visitor's screens, in the order a visitor meets them."""
