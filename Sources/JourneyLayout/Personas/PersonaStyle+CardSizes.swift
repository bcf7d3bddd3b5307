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
        public var chipSizeDelta = -0.5

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

        public init() {}
    }
}
