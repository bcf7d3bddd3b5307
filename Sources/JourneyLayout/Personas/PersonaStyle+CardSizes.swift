import JourneyScene

extension PersonaStyle {
    /// The numbers of a persona card, named (points unless said otherwise): the avatar, the
    /// gaps between sections and lines, indents, chips, stat tiles, channel bars and the
    /// typical path's boxes. `PersonaCardBuilder` reads every number here; type sizes are
    /// `PersonaStyle`'s (`nameSize`, `bodySize`, …), adjusted by the `…SizeDelta` fields.
    public struct CardSizes: Sendable, Equatable {
        /// Between the card's sections.
        public var sectionGap = 14.0
        public var cornerRadius = 10.0
        public var borderWidth = 1.0

        // Header.
        public var avatarDiameter = 64.0
        /// The accent ring around a photo.
        public var avatarRing = 1.5
        /// Initials keep this far from the avatar's sides.
        public var initialsInset = 6.0
        public var initialsSize = 22.0
        /// Between the avatar and the name.
        public var avatarGap = 14.0
        public var nameTop = 2.0
        public var roleGap = 3.0
        public var roleSizeDelta = 1.0

        // Quote.
        public var quoteIndent = 12.0
        public var quoteBarWidth = 3.0
        public var quoteBarRadius = 1.5
        public var quoteSizeDelta = 1.5
        public var quoteSecondarySizeDelta = 0.5
        public var quoteSecondaryGap = 2.0

        // Sections (Goals | Pain points · Motivations | Channels).
        public var columnGutter = 18.0
        /// Under a heading, and between bulleted items.
        public var headingGap = 5.0
        public var itemGap = 5.0
        public var bulletIndent = 11.0
        public var bulletDotX = 3.0
        public var bulletDotRadius = 2.0
        /// Channel chips: text padding across and down, the gap between chips and rows.
        public var chipPadding = 7.0
        public var chipPaddingY = 3.0
        public var chipGap = 5.0
        /// Chips, channel rows and the stage-by-stage rows: this much smaller than body text.
        public var compactSizeDelta = -0.5

        // Facts of a data persona.
        public var tileGap = 10.0
        public var tilePadding = 8.0
        public var tileRadius = 6.0
        public var channelNameWidth = 100.0
        public var channelValueWidth = 40.0
        /// Left of the bar, and the room the bar leaves for the gaps on both its sides.
        public var channelBarGap = 6.0
        public var channelBarRoom = 12.0
        public var channelBarHeight = 8.0
        public var channelBarMinimum = 2.0
        public var channelRowGap = 4.0
        /// The typical path's boxes: text padding, the arrow between boxes, widest box, rows.
        public var pathBoxPadding = 6.0
        public var pathArrowGap = 16.0
        public var pathMaxBoxWidth = 110.0
        public var pathBoxRadius = 4.0
        public var pathRowGap = 8.0
        public var pathArrowSize = 5.0
        public var pathStageTint = 0.8

        // Emotion strip.
        /// Room for the −2…+2 axis labels, and the plot's height.
        public var emotionAxisWidth = 16.0
        public var emotionPlotHeight = 52.0
        /// Over the plot, and between it and the stage names.
        public var emotionTopGap = 4.0
        public var emotionNamesGap = 6.0
        public var emotionAxisSizeDelta = -1.0
        public var emotionGridWidth = 0.5
        public var emotionZeroWidth = 0.75
        public var emotionZeroDash: [Double] = [3, 3]
        public var emotionCurveWidth = 1.5
        public var emotionDotRadius = 4.0
        public var emotionDotBorder = 1.5

        // Stage by stage.
        public var stageNameWidth = 92.0
        public var stageGutter = 12.0
        /// The stage name stands right of its colour bar.
        public var stageNameIndent = 8.0
        public var stageBarWidth = 3.0
        public var stageBarRadius = 1.5
        public var stageRowGap = 10.0
        /// The rule between rows, this far over the next row.
        public var stageDividerOffset = 5.0
        public var stageDividerWidth = 0.5
        /// Under the legend, and after the last row.
        public var stageLegendGap = 8.0
        public var stageEndGap = 4.0
        /// Pain points and opportunities: the marker's centre and the text's indent, the gap
        /// after each item.
        public var markerX = 3.5
        public var markerIndent = 12.0
        public var stageItemGap = 3.0
        public var painDotRadius = 2.6
        public var plusArm = 3.2
        public var plusWidth = 1.6
        /// The legend's text indent and the gap between its two entries.
        public var legendIndent = 11.0
        public var legendEntryGap = 16.0

        // A sheet of cards (`PersonaSheet`).
        public var sheetTitleSize = 16.0
        public var sheetTitleGap = 14.0
        /// Above and below the footnote.
        public var sheetFootnoteGap = 8.0
        public var sheetFootnoteSizeDelta = 0.5

        public init() {}
    }
}
