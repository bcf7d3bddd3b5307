import JourneyKit
print("journeymap")
