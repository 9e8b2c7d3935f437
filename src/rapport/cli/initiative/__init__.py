"""Commands that take the initiative: planned meetings, articles, introductions, meetups, networking time."""
