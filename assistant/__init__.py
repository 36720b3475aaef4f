"""The privacy assistant: answer privacy questions from a shop's own policy, with verified citations."""
