//! faultline actors: dictionaries, gazetteer and coreference: mentions of political actors
