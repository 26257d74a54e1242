/* libFuzzer target for the exec config line parser (src/exec/exec_config.c, parse only: the
 * validate step touches the file system). The first byte picks the token, the rest is the line;
 * whatever is accepted must give a check with an absolute program, a NUL-terminated argv within
 * EXEC_ARGS_MAX, and a valid name. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "exec/exec_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
        do {                                                                                       \
                if (!(c)) {                                                                        \
                        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                    \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        if (size < 1 || size > 4096)
                return 0;
        const struct module_config_ops *ops = &exec_config_ops;
        const char *token = ops->tokens[data[0] % ops->n_tokens].name;
        char *line = malloc(size);
        if (!line)
                return 0;
        memcpy(line, data + 1, size - 1);
        line[size - 1] = '\0';
        struct exec_config *c = ops->new_config();
        char err[CONFIG_ERR_MAX];
        /* Twice, so that execfix/execInterval NAME can find a check the first line defined. */
        for (int round = 0; round < 2; round++) {
                err[0] = '\0';
                int r = ops->parse(c, round ? token : "exec", line, err, sizeof(err));
                CHECK(r == 0 || (r < 0 && err[0]));
                CHECK(strlen(err) < sizeof(err));
        }
        for (size_t i = 0; i < c->n_checks; i++) {
                const struct exec_check *k = &c->checks[i];
                CHECK(k->name[0] && strlen(k->name) <= EXEC_NAME_MAX);
                CHECK(k->cmd.path[0] == '/');
                const char *argv[EXEC_ARGS_MAX + 4];
                size_t n = exec_cmd_argv(&k->cmd, argv, sizeof(argv) / sizeof(argv[0]));
                CHECK(n >= 1 && n <= EXEC_ARGS_MAX);
                CHECK(argv[n] == NULL);
                CHECK(argv[0][0] == '/');
        }
        ops->free_config(c);
        free(line);
        return 0;
}
