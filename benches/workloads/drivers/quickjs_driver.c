/* QuickJS workload: evaluate the JavaScript benchmark in quickjs_bench.js
 * (embedded with C23 #embed) in a fresh runtime and print what it returns. */
#include <stdio.h>
#include <string.h>
#include "quickjs.h"

static const char script[] = {
#embed "quickjs_bench.js"
    , 0
};

int main(void) {
    JSRuntime *rt = JS_NewRuntime();
    if (!rt) return 2;
    JSContext *ctx = JS_NewContext(rt);
    if (!ctx) return 2;
    JSValue v = JS_Eval(ctx, script, strlen(script), "quickjs_bench.js", JS_EVAL_TYPE_GLOBAL);
    int status = 0;
    if (JS_IsException(v)) {
        JSValue e = JS_GetException(ctx);
        const char *msg = JS_ToCString(ctx, e);
        printf("exception: %s\n", msg ? msg : "?");
        JS_FreeCString(ctx, msg);
        JS_FreeValue(ctx, e);
        status = 1;
    } else {
        const char *out = JS_ToCString(ctx, v);
        printf("%s\n", out ? out : "?");
        JS_FreeCString(ctx, out);
    }
    JS_FreeValue(ctx, v);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return status;
}
