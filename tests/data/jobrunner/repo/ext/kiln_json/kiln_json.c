/* Fast JSON dumping for kiln job payloads. Must stay byte-compatible with
 * Kiln::JSONDump.dump_ruby (lib/kiln/json_dump.rb). */
#include <ruby.h>
#include <ruby/encoding.h>
#include <math.h>

static VALUE mKilnJSON;

static void gen(VALUE buf, VALUE obj, int depth);

static void gen_string(VALUE buf, VALUE str)
{
    const char *p = RSTRING_PTR(str);
    long len = RSTRING_LEN(str), i;
    char esc[8];

    rb_str_cat(buf, "\"", 1);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        switch (c) {
        case '"':  rb_str_cat(buf, "\\\"", 2); break;
        case '\\': rb_str_cat(buf, "\\\\", 2); break;
        case '\b': rb_str_cat(buf, "\\b", 2); break;
        case '\f': rb_str_cat(buf, "\\f", 2); break;
        case '\n': rb_str_cat(buf, "\\n", 2); break;
        case '\r': rb_str_cat(buf, "\\r", 2); break;
        case '\t': rb_str_cat(buf, "\\t", 2); break;
        default:
            if (c < 0x20) {
                snprintf(esc, sizeof(esc), "\\u%04x", c);
                rb_str_cat(buf, esc, 6);
            } else {
                rb_str_cat(buf, (const char *)&p[i], 1);
            }
        }
    }
    rb_str_cat(buf, "\"", 1);
}

struct hash_arg { VALUE buf; int depth; int first; };

static int gen_pair(VALUE key, VALUE val, VALUE data)
{
    struct hash_arg *a = (struct hash_arg *)data;
    if (!a->first) rb_str_cat(a->buf, ",", 1);
    a->first = 0;
    gen_string(a->buf, rb_obj_as_string(key));
    rb_str_cat(a->buf, ":", 1);
    gen(a->buf, val, a->depth + 1);
    return ST_CONTINUE;
}

static void gen(VALUE buf, VALUE obj, int depth)
{
    long i;

    if (depth > 1000) rb_raise(rb_eArgError, "nesting of %d is too deep", depth);

    switch (TYPE(obj)) {
    case T_NIL:    rb_str_cat(buf, "null", 4); break;
    case T_TRUE:   rb_str_cat(buf, "true", 4); break;
    case T_FALSE:  rb_str_cat(buf, "false", 5); break;
    case T_FIXNUM:
    case T_BIGNUM: rb_str_append(buf, rb_obj_as_string(obj)); break;
    case T_FLOAT: {
        double d = RFLOAT_VALUE(obj);
        if (isnan(d) || isinf(d)) rb_raise(rb_eArgError, "%"PRIsVALUE" is not allowed in JSON", obj);
        rb_str_append(buf, rb_obj_as_string(obj));
        break;
    }
    case T_STRING: gen_string(buf, rb_str_export_to_enc(obj, rb_utf8_encoding())); break;
    case T_SYMBOL: gen_string(buf, rb_sym2str(obj)); break;
    case T_ARRAY:
        rb_str_cat(buf, "[", 1);
        for (i = 0; i < RARRAY_LEN(obj); i++) {
            if (i) rb_str_cat(buf, ",", 1);
            gen(buf, RARRAY_AREF(obj, i), depth + 1);
        }
        rb_str_cat(buf, "]", 1);
        break;
    case T_HASH: {
        struct hash_arg a = { buf, depth, 1 };
        rb_str_cat(buf, "{", 1);
        rb_hash_foreach(obj, gen_pair, (VALUE)&a);
        rb_str_cat(buf, "}", 1);
        break;
    }
    default:
        gen_string(buf, rb_obj_as_string(obj));
    }
}

static VALUE dump_body(VALUE args)
{
    VALUE *a = (VALUE *)args;
    gen(a[0], a[1], 0);
    return a[0];
}

static VALUE dump_cleanup(VALUE args)
{
    return Qnil;
}

static VALUE kiln_json_dump(VALUE self, VALUE obj)
{
    VALUE a[2];
    a[0] = rb_utf8_str_new(NULL, 0);
    a[1] = obj;
    return rb_ensure(dump_body, (VALUE)a, dump_cleanup, (VALUE)a);
}

void Init_kiln_json(void)
{
    mKilnJSON = rb_define_module("KilnJSON");
    rb_define_module_function(mKilnJSON, "dump", kiln_json_dump, 1);
}
