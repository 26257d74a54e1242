/* libFuzzer target for the configuration's pure line parsers (core/config.c and every module's
 * tokens through it): the input is one "TOKEN ARGS" line per input line, applied to a fresh
 * configuration as srvhealthd.conf lines are. Checks that every line is accepted or refused with
 * a message, that accepted numbers stay inside their documented ranges, and that the
 * configuration frees cleanly. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct srvh_config c;
        if (config_init(&c) < 0)
                return 0;
        char *text = malloc(size + 1);
        if (!text) {
                config_clear(&c);
                return 0;
        }
        memcpy(text, data, size);
        text[size] = '\0';
        size_t n_tokens = config_token_count();
        char *save = NULL;
        for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
                char *args = line + strcspn(line, " \t");
                if (*args)
                        *args++ = '\0';
                /* The first byte may pick a real token, so the parsers behind them are reached. */
                const char *token = line;
                if (n_tokens && (unsigned char)line[0] >= 0x80)
                        token = config_token_at((unsigned char)line[0] % n_tokens).name;
                char err[CONFIG_ERR_MAX];
                err[0] = '\0';
                int r = config_parse_line(&c, token, args, err, sizeof(err));
                if (r != 0 && r != -EINVAL && r != -ENOENT)
                        abort();
                if (r != 0 && !err[0])
                        abort(); /* a refusal always says why */
                if (strnlen(err, sizeof(err)) == sizeof(err))
                        abort();
        }
        for (size_t i = 0; i < SRVH_MODULES_MAX; i++) {
                if (c.poll_interval[i] > CONFIG_INTERVAL_MAX ||
                    c.poll_timeout[i] > CONFIG_TIMEOUT_MAX)
                        abort();
        }
        if (c.queue_size < 1 || c.queue_size > CONFIG_QUEUE_MAX || c.event_table_size < 1 ||
            c.event_table_size > CONFIG_EVENT_TABLE_MAX)
                abort();
        config_clear(&c);
        free(text);
        return 0;
}
