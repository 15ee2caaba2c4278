package dev.driftguard.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void isSelfContainedAndEscapesEverything() {
        String html = HtmlReport.render(Results.sample());

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .doesNotContain("<script>")
                .doesNotContain("src=")
                .doesNotContain("http://")
                .doesNotContain("https://")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("a &amp; &quot;b&quot;")
                .contains("public.t&lt;1&gt;")
                .contains("v = NULL")
                .contains("v = '&#39;q&#39;'")
                .contains("href=\"#t-0\"")
                .contains("id=\"t-1\"")
                .contains("differences found")
                .contains("no key");
    }

    @Test
    void escapeCoversMarkupAndQuotes() {
        assertThat(HtmlReport.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
