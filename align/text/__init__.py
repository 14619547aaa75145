"""The text stages: read → normalize → structure → segment, one file into one Document."""
