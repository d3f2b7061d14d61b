"""Finding places: the offline gazetteer, online providers, the cache and resolving a trip."""
