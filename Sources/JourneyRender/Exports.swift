@_exported import JourneyScene
