"""Who is who: the entity table of a document and the resolvers that map a mention to it."""
