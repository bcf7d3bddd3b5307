@_exported import JourneyCore
@_exported import JourneyIO
@_exported import JourneyScene
@_exported import JourneyLayout
@_exported import JourneyRender
@_exported import JourneyEngines
@_exported import JourneyPostgres
