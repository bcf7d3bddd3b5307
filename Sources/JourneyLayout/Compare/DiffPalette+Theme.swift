import JourneyCore

extension DiffPalette {
    /// The theme's diverging pair as a diff palette: the theme's `increase` and `decrease`
    /// are the strongest colours; the weakest are each mixed toward the background as far as
    /// a 3:1 contrast with it allows (WCAG, graphics), so even the smallest significant change
    /// stands out from the page while the theme's `neutral` grey recedes.
    public init(theme: Theme) {
        func weak(_ strong: Color) -> Color {
            var best = strong
            for step in 1...12 {
                let c = strong.mixed(with: theme.background, Double(step) * 0.05)
                guard c.contrastRatio(with: theme.background) >= 3 else { break }
                best = c
            }
            return best
        }
        self.init(background: theme.background.hex, increaseWeak: weak(theme.increase).hex, increaseStrong: theme.increase.hex,
                  decreaseWeak: weak(theme.decrease).hex, decreaseStrong: theme.decrease.hex,
                  notSignificant: theme.neutral.hex)
    }
}
