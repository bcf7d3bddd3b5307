@_exported import JourneyCore
@_exported import JourneyIO
