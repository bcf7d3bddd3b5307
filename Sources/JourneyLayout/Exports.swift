// Layout: journey graph -> positioned Scene (Graphviz wrapper under Graphviz/).
@_exported import JourneyScene
