// Lints the map's own JavaScript (mapping/render/static) and its tests (tests/js): ./test.sh runs it.
import js from "@eslint/js";
import globals from "globals";

export default [
    js.configs.recommended,
    {
        files: ["mapping/render/static/**/*.js"],
        languageOptions: {
            ecmaVersion: 2017,
            sourceType: "script",
            // Browser scripts that also load in node for their tests (module.exports, require).
            globals: {...globals.browser, ...globals.commonjs},
        },
        rules: {
            "no-var": "off",
            eqeqeq: "error",
            "no-implicit-globals": "error",
            "no-unused-vars": ["error", {args: "none"}],
            strict: ["error", "function"],
        },
    },
    {
        files: ["tests/js/**/*.js"],
        languageOptions: {ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node},
    },
];
