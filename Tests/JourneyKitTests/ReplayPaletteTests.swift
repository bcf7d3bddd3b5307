import Testing
@testable import JourneyKit
import JourneyCore
import JourneyLayout
import JourneyScene

/// Dots coloured by channel take the colours of the map's channel stripes (they were Tableau 10
/// by journeys while the boxes beside them took `ChannelPalette`'s colours by name).
@Suite struct ReplayPaletteTests {
    static func touchpoint(_ name: String, _ channel: String) -> JourneyGraph.Touchpoint {
        JourneyGraph.Touchpoint(name: name, stage: "s", channel: channel, channels: [channel: 1], events: 1, journeys: 1, starts: 0, ends: 0)
    }

    @Test func channelDotsTakeTheMapsStripeColours() {
        let map = ChannelPalette(touchpoints: [Self.touchpoint("a", "web"), Self.touchpoint("b", "app"),
                                               Self.touchpoint("c", JourneyGraph.Touchpoint.mixedChannel)])
        // Journeys' first channels: app is the most common, email is on no box of the map.
        let keys = ["app", "app", "app", "web", "email", "email", ""]
        let legend = ReplayPalette.channelLegend(keys, map: map)
        #expect(legend.map(\.key) == ["app", "web", "email", ""])
        #expect(legend[0].color == map.color("app") && legend[1].color == map.color("web"))
        // Channels off the map take the palette's next colours, which no map channel has.
        let mapColors = Set(["app", "web"].compactMap { map.color($0) })
        #expect(!mapColors.contains(legend[2].color) && !mapColors.contains(legend[3].color) && legend[2].color != legend[3].color)
    }

    @Test func pastThePaletteTheRestIsOther() {
        let names = (0..<11).map { "m\($0)" }
        let map = ChannelPalette(touchpoints: names.map { Self.touchpoint($0, $0) })
        let keys = names + ["x", "y", "z"]
        let legend = ReplayPalette.channelLegend(keys, map: map)
        // 12 colours: 11 on the map, so x, y and z share "other".
        #expect(legend.count == 12 && legend.last?.key == "other" && legend.last?.color == ReplayPalette.other)
    }
}
