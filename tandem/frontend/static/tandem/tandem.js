// Progressive enhancements for Tandem. Every page works without this file.
