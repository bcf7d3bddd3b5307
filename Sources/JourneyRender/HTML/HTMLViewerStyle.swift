/// The one-file HTML page's CSS: the map fills the window beside a side panel (below it when
/// narrow, as at 200 % zoom); selection fades the rest; print shows the static map alone.
/// `--jm-bg` and `--jm-fg` come from the picture's background.
enum HTMLViewerStyle {
    static let source = #"""
*{box-sizing:border-box}
html,body{margin:0;background:var(--jm-bg);color:var(--jm-fg);font:1rem/1.45 "DejaVu Sans","Noto Sans Thai",Loma,sans-serif}
.jm-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid var(--jm-line)}
.jm-bar h1{font-size:1.05rem;margin:0;flex:1 1 16rem;min-width:0;overflow-wrap:anywhere}
.jm-controls{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.jm-controls label{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
input,button{font:inherit;color:inherit;background:var(--jm-bg);border:1px solid var(--jm-line);border-radius:4px;padding:.2rem .5rem}
input[type=range]{padding:0}
button{cursor:pointer}
button:focus-visible,input:focus-visible,#jm-view:focus-visible{outline:3px solid var(--jm-focus);outline-offset:2px}
#jm-results{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem;flex-basis:100%}
#jm-results[hidden]{display:none}
main{display:flex;flex-wrap:wrap;align-items:flex-start}
#jm-view{flex:1 1 36rem;height:calc(100vh - 6rem);min-height:18rem;overflow:hidden;touch-action:none;cursor:grab}
#jm-view.jm-dragging{cursor:grabbing}
#jm-view svg{display:block;width:100%;height:100%}
#jm-panel{flex:0 1 20rem;min-width:14rem;max-height:calc(100vh - 6rem);overflow:auto;padding:.5rem 1rem;border-left:1px solid var(--jm-line)}
#jm-panel h2{font-size:1.05rem;margin:.3rem 0;overflow-wrap:anywhere}
#jm-panel h3{font-size:.95rem;margin:.6rem 0 .2rem}
#jm-panel ol{margin:0;padding-left:1.4rem}
#jm-panel li button{padding:0 .3rem;border:0;text-decoration:underline;background:none;overflow-wrap:anywhere;text-align:left}
dl{display:grid;grid-template-columns:auto auto;gap:.1rem .8rem;margin:.3rem 0}
dt{opacity:.8}
dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
#jm-tip{position:fixed;z-index:10;max-width:min(24rem,90vw);padding:.4rem .6rem;background:var(--jm-bg);color:var(--jm-fg);border:1px solid var(--jm-line);border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.3);pointer-events:none;overflow-wrap:anywhere}
#jm-tip[hidden]{display:none}
g.touchpoint{cursor:pointer}
g.touchpoint:focus{outline:none}
g.touchpoint:focus-visible,g.touchpoint.jm-selected{filter:drop-shadow(0 0 2px var(--jm-focus)) drop-shadow(0 0 2px var(--jm-focus))}
g.jm-faded{opacity:.15}
g.jm-dim{opacity:.3}
g.jm-match{opacity:1;filter:drop-shadow(0 0 3px var(--jm-focus))}
g.jm-cut{display:none}
.jm-overlay *{fill:transparent;stroke:transparent}
.jm-overlay path{fill:none}
.jm-overlay g.jm-faded,.jm-overlay g.jm-dim{opacity:1}
.jm-overlay g.jm-faded *,.jm-overlay g.jm-dim *{fill:var(--jm-bg);fill-opacity:.75}
.jm-overlay g.jm-faded path,.jm-overlay g.jm-dim path{fill:none;stroke:var(--jm-bg);stroke-opacity:.75}
.jm-overlay g.jm-cut{display:inline}
.jm-overlay g.jm-cut *{fill:var(--jm-bg);fill-opacity:1}
.jm-overlay g.jm-cut path{fill:none;stroke:var(--jm-bg);stroke-opacity:1}
.jm-overlay g.jm-cut{pointer-events:none}
.jm-overlay g.jm-selected rect,.jm-overlay g.jm-match rect,.jm-overlay g.touchpoint:focus-visible rect{stroke:var(--jm-focus);stroke-width:3}
.jm-overlay g.jm-hl path{stroke:var(--jm-focus);stroke-opacity:.35}
.jm-hit{fill:none!important;stroke:transparent!important;stroke-width:12px!important;stroke-dasharray:none!important;pointer-events:stroke}
@media (max-width:48rem){#jm-panel{border-left:0;border-top:1px solid var(--jm-line);flex-basis:100%;max-height:none}#jm-view{height:70vh}}
@media print{
.jm-bar,#jm-panel,#jm-tip{display:none!important}
#jm-view{height:auto;overflow:visible}
#jm-view svg{width:100%;height:auto}
g.jm-cut{display:inline!important}
.jm-overlay *{fill:transparent!important;stroke:transparent!important}
g.jm-faded,g.jm-dim,g.jm-match{opacity:1!important;filter:none!important}
g.touchpoint.jm-selected{filter:none!important}
}
"""#
}
