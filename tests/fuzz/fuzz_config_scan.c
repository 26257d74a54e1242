/* libFuzzer target for core/config_scan, the configuration pre-scan: any bytes scan without a
 * crash, and what comes out is consistent with the input (line numbers within the file, include
 * names taken from it without blanks, numbers marked ok only within their token's range). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config_scan.h"
#include "core/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
        do {                                                                                       \
                if (!(c)) {                                                                        \
                        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                    \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

static struct cscan_result r;

static bool occurs(const char *hay, size_t n, const char *needle)
{
        size_t k = strlen(needle);
        for (size_t i = 0; k && i + k <= n; i++)
                if (memcmp(hay + i, needle, k) == 0)
                        return true;
        return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *p = size ? (const char *)data : NULL;
        size_t newlines = 0;

        CHECK(config_scan(p, size, &r) == 0);
        for (size_t i = 0; i < size; i++)
                newlines += data[i] == '\n';
        CHECK(r.lines == newlines + (size > 0 && data[size - 1] != '\n'));
        CHECK(r.n_problems <= CSCAN_PROBLEMS_MAX && r.n_includes <= CSCAN_INCLUDES_MAX);
        CHECK(r.n_numbers <= CSCAN_NUMBERS_MAX);
        CHECK(r.problems_dropped == 0 || r.n_problems == CSCAN_PROBLEMS_MAX);
        for (size_t i = 0; i < r.n_problems; i++) {
                CHECK(r.problem[i].line >= 1 && r.problem[i].line <= r.lines);
                CHECK(r.problem[i].text[0] != '\0');
                CHECK(memchr(r.problem[i].text, '\0', CSCAN_TEXT_MAX) != NULL);
                if (i)
                        CHECK(r.problem[i].line >= r.problem[i - 1].line);
        }
        for (size_t i = 0; i < r.n_includes; i++) {
                const struct cscan_include *inc = &r.include[i];
                size_t len = strnlen(inc->path, CSCAN_PATH_MAX);
                CHECK(len > 0 && len < CSCAN_PATH_MAX && len <= CSCAN_LINE_MAX);
                CHECK(inc->line >= 1 && inc->line <= r.lines);
                for (size_t k = 0; k < len; k++)
                        CHECK(!scan_is_blank(inc->path[k]));
                CHECK(inc->kind != CSCAN_INCLUDE_DIR || inc->path[0] == '/');
                CHECK(occurs(p, size, inc->path));
        }
        for (size_t i = 0; i < r.n_numbers; i++) {
                const struct cscan_number *num = &r.number[i];
                const struct cscan_range *rg = NULL;
                for (size_t k = 0; k < config_scan_range_count(); k++)
                        if (strcmp(config_scan_range_at(k)->token, num->token) == 0)
                                rg = config_scan_range_at(k);
                CHECK(rg != NULL);
                CHECK(num->line >= 1 && num->line <= r.lines);
                CHECK(!num->ok || (num->value >= rg->lo && num->value <= rg->hi));
        }
        /* a file without NUL bytes, long lines or checked tokens has nothing to say */
        if (size == 0)
                CHECK(r.n_problems == 0 && r.n_includes == 0 && r.n_numbers == 0);
        return 0;
}
