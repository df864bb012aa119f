"""The Anyborough demo: made-up places, people and commissions to try Tandem with.

It sits on top of every other app and may import any of them; nothing imports it.
"""
