/// The inline style sheet of an HTML report: screen layout, and a print
/// layout that keeps tables, charts and key figures whole on a page and
/// repeats table headings.
enum HTMLStyle {
    static let css = """
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#fff;margin:0}
    main{max-width:960px;margin:0 auto;padding:24px}
    h1{font-size:1.6em;margin:0 0 .2em}
    .subtitle{color:#555;margin:0}
    .date{color:#777;font-size:.9em}
    h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
    .figures{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0;padding:0}
    .figure{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:140px}
    .figure dt{color:#666;font-size:.85em}
    .figure dd{margin:0;font-size:1.35em;font-weight:600}
    table{border-collapse:collapse;margin:1em 0;font-size:.92em}
    caption{text-align:left;font-weight:600;padding:4px 0}
    th,td{border:1px solid #ccc;padding:4px 10px}
    th{background:#f2f4f7}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    tfoot td{font-weight:600;background:#fafafa}
    .empty{color:#888;text-align:center}
    figure.chart{margin:1em 0}
    figure.chart svg{max-width:100%;height:auto}
    figcaption{font-weight:600;margin-bottom:4px}
    @page{margin:15mm}
    @media print{
    body{font-size:10.5pt}
    main{max-width:none;padding:0}
    h2{break-after:avoid}
    table,figure.chart,.figures{break-inside:avoid}
    thead{display:table-header-group}
    th,tfoot td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    }
    """
}
