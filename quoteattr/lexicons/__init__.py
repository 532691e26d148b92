"""Every word list and rule table of quoteattr as data, with one loader each."""
