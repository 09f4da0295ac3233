// Generated from /openapi.json by `npm run gen:client`: do not edit by hand.
/* eslint-disable */
export interface paths {
    "/api/v1/admin/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consistency alerts, newest first
         * @description Raised by the consistency monitor (rules A–F) when an order and its money disagree past MONITOR_GRACE_MS; each resolves itself when the condition ends.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo?: string;
                    /** @description A–C: seed 003 kafka-alert; D: money does not follow the order; E: stray money; F: a dead follow-up task */
                    ruleId?: "RULE_A" | "RULE_B" | "RULE_C" | "RULE_D" | "RULE_E" | "RULE_F";
                    status?: "open" | "acknowledged" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: {
                                acknowledged: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                } | null;
                                /** @description what to do about it */
                                action: string;
                                /** Format: uuid */
                                alertId: string;
                                /** Format: date-time */
                                detectedAt: string;
                                expected: {
                                    [key: string]: unknown;
                                };
                                observed: {
                                    [key: string]: unknown;
                                };
                                orderNo: string;
                                resolved: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                    note: string | null;
                                    /** @enum {unknown} */
                                    resolution: "auto" | "operator";
                                } | null;
                                /**
                                 * @description A–C: seed 003 kafka-alert; D: money does not follow the order; E: stray money; F: a dead follow-up task
                                 * @enum {unknown}
                                 */
                                ruleId: "RULE_A" | "RULE_B" | "RULE_C" | "RULE_D" | "RULE_E" | "RULE_F";
                                /** Format: date-time */
                                since: string;
                                source: string;
                                /** @enum {unknown} */
                                status: "open" | "acknowledged" | "resolved";
                                title: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/alerts/{alertId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alertId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledged: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                            } | null;
                            /** @description what to do about it */
                            action: string;
                            /** Format: uuid */
                            alertId: string;
                            /** Format: date-time */
                            detectedAt: string;
                            expected: {
                                [key: string]: unknown;
                            };
                            observed: {
                                [key: string]: unknown;
                            };
                            orderNo: string;
                            resolved: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note: string | null;
                                /** @enum {unknown} */
                                resolution: "auto" | "operator";
                            } | null;
                            /**
                             * @description A–C: seed 003 kafka-alert; D: money does not follow the order; E: stray money; F: a dead follow-up task
                             * @enum {unknown}
                             */
                            ruleId: "RULE_A" | "RULE_B" | "RULE_C" | "RULE_D" | "RULE_E" | "RULE_F";
                            /** Format: date-time */
                            since: string;
                            source: string;
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            title: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ALERT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ALERT_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/alerts/{alertId}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Someone is on it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alertId: string;
                };
                cookie?: never;
            };
            /** @description optional; who acknowledges (default "admin") */
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledged: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                            } | null;
                            /** @description what to do about it */
                            action: string;
                            /** Format: uuid */
                            alertId: string;
                            /** Format: date-time */
                            detectedAt: string;
                            expected: {
                                [key: string]: unknown;
                            };
                            observed: {
                                [key: string]: unknown;
                            };
                            orderNo: string;
                            resolved: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note: string | null;
                                /** @enum {unknown} */
                                resolution: "auto" | "operator";
                            } | null;
                            /**
                             * @description A–C: seed 003 kafka-alert; D: money does not follow the order; E: stray money; F: a dead follow-up task
                             * @enum {unknown}
                             */
                            ruleId: "RULE_A" | "RULE_B" | "RULE_C" | "RULE_D" | "RULE_E" | "RULE_F";
                            /** Format: date-time */
                            since: string;
                            source: string;
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            title: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ALERT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ALERT_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ALERT_RESOLVED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ALERT_RESOLVED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/alerts/{alertId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close an alert, saying what was done
         * @description If the inconsistency still holds it is silenced for the event that raised it; a new event that starts it again raises a new alert.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    alertId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                        /** @description what was done */
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledged: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                            } | null;
                            /** @description what to do about it */
                            action: string;
                            /** Format: uuid */
                            alertId: string;
                            /** Format: date-time */
                            detectedAt: string;
                            expected: {
                                [key: string]: unknown;
                            };
                            observed: {
                                [key: string]: unknown;
                            };
                            orderNo: string;
                            resolved: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note: string | null;
                                /** @enum {unknown} */
                                resolution: "auto" | "operator";
                            } | null;
                            /**
                             * @description A–C: seed 003 kafka-alert; D: money does not follow the order; E: stray money; F: a dead follow-up task
                             * @enum {unknown}
                             */
                            ruleId: "RULE_A" | "RULE_B" | "RULE_C" | "RULE_D" | "RULE_E" | "RULE_F";
                            /** Format: date-time */
                            since: string;
                            source: string;
                            /** @enum {unknown} */
                            status: "open" | "acknowledged" | "resolved";
                            title: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ALERT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ALERT_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ALERT_RESOLVED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ALERT_RESOLVED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow-up tasks that failed on every attempt */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo?: string;
                    state?: "dead" | "discarded";
                    task?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deadLetters: {
                                attempts: number;
                                diedAt: string | null;
                                id: number;
                                lastError: string | null;
                                orderNo: string | null;
                                retries: number;
                                state: string;
                                task: string;
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/dead-letters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dead letter with its payload and errors */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            diedAt: string | null;
                            discarded: {
                                at: string | null;
                                by: string | null;
                                reason: string | null;
                            } | null;
                            errors: {
                                /** Format: date-time */
                                at: string;
                                attempt: number;
                                error: string;
                            }[];
                            id: number;
                            lastError: string | null;
                            lastRetry: {
                                /** Format: date-time */
                                at: string;
                                by: string | null;
                            } | null;
                            orderNo: string | null;
                            payload: {
                                [key: string]: unknown;
                            };
                            retries: number;
                            state: string;
                            task: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DEAD_LETTER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DEAD_LETTER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/dead-letters/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give up on a dead letter, with the reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            state: "discarded";
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DEAD_LETTER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DEAD_LETTER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DEAD_LETTER_NOT_DEAD */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DEAD_LETTER_NOT_DEAD";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/dead-letters/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a dead letter back in the queue with a fresh budget */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            /** @description optional; who retries (default "admin") */
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            state: "queued";
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DEAD_LETTER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DEAD_LETTER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DEAD_LETTER_NOT_DEAD */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DEAD_LETTER_NOT_DEAD";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/inventory/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock of one product */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description product code
                     * @example TSHIRT-BLK-M
                     */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: number;
                            onHand: number;
                            reserved: number;
                            /**
                             * @description product code
                             * @example TSHIRT-BLK-M
                             */
                            sku: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PRODUCT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PRODUCT_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Orders, newest first
         * @description Paged with `nextCursor`: every order appears on exactly one page, however many were created at the same moment. Filters combine: `status`, `sku`, `customerId`, and the creation time in [`from`, `to`) (`422` for bounds outside the years 0001–9999 or `from` not before `to`). Keep the filters the same while following `nextCursor`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description only this customer's orders (the JWT `sub` they ordered with) */
                    customerId?: string;
                    /** @description only orders created at or after this moment */
                    from?: string;
                    limit?: number;
                    /**
                     * @description product code
                     * @example TSHIRT-BLK-M
                     */
                    sku?: string;
                    status?: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                    /** @description only orders created before this moment (exclusive) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            orders: {
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo: string;
                                /** @enum {unknown} */
                                status: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                                total: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders/{orderNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order's whole story
         * @description Reservations, payment with attempts, mails, follow-up tasks, webhooks and the timeline, read in one snapshot.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            customerId: string;
                            /** Format: date-time */
                            deadlineAt: string;
                            failure: {
                                reason: string;
                            } | null;
                            items: {
                                name: string;
                                quantity: number;
                                /**
                                 * @description product code
                                 * @example TSHIRT-BLK-M
                                 */
                                sku: string;
                                unitPrice: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                            }[];
                            notifications: {
                                kind: string;
                                recipient: string;
                                sentAt: string | null;
                                state: string;
                                subject: string;
                            }[];
                            /**
                             * @description ORD-YYYYMMDD-XXXXXX
                             * @example ORD-20261201-7K3Q9X
                             */
                            orderNo: string;
                            payment: {
                                attempts: {
                                    declineCode: string | null;
                                    idempotencyKey: string;
                                    provider: string;
                                    status: string;
                                }[];
                                authorizedAmount: number;
                                capturedAmount: number;
                                nextAction: {
                                    /** @enum {string} */
                                    type: "redirect";
                                    url: string;
                                } | null;
                                provider: string | null;
                                refundedAmount: number;
                                status: string;
                            } | null;
                            paymentExpiresAt: string | null;
                            reservations: {
                                quantity: number;
                                /**
                                 * @description product code
                                 * @example TSHIRT-BLK-M
                                 */
                                sku: string;
                                status: string;
                            }[];
                            shippingAddress: {
                                city: string;
                                line1: string;
                                line2?: string;
                                name: string;
                                phone: string;
                                /** @description Japanese postal code: 123-4567 or 1234567 */
                                postalCode: string;
                                prefecture: string;
                            };
                            /** @enum {unknown} */
                            status: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                            tasks: {
                                attempts: number;
                                id: number;
                                lastError: string | null;
                                name: string;
                                state: string;
                            }[];
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                data?: {
                                    [key: string]: unknown;
                                };
                                what: string;
                            }[];
                            total: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                            webhooks: {
                                eventId: string;
                                processedAt: string | null;
                                provider: string;
                                /** Format: date-time */
                                receivedAt: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders/{orderNo}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a paid order, with refund
         * @description PAID → CANCELLED: the money goes back (a hold is voided, a capture refunded — followed at the PSP to the end), the stock returns, the buyer is told, and the shop too if it was already told to ship. `202`: the refund runs in the background (see the order detail).
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description required: a repeat with the same key and body gets the first answer and never acts twice */
                    "idempotency-key": string;
                };
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                        /** @description why (kept with the order) */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelledBy: string;
                            /**
                             * @description ORD-YYYYMMDD-XXXXXX
                             * @example ORD-20261201-7K3Q9X
                             */
                            orderNo: string;
                            refund: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                            /** @enum {string} */
                            status: "CANCELLED";
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_KEY_MISSING, BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_KEY_MISSING" | "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_CANCELLABLE */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_CANCELLABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_KEY_REUSED, VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_KEY_REUSED" | "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders/{orderNo}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order's refunds and their PSP status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refunds: {
                                amount: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                                /** Format: date-time */
                                createdAt: string;
                                failureReason: string | null;
                                lines?: {
                                    quantity: number;
                                    /**
                                     * @description product code
                                     * @example TSHIRT-BLK-M
                                     */
                                    sku: string;
                                }[];
                                reason: string;
                                refundId: number;
                                requestedBy: string;
                                settledAt: string | null;
                                /** @enum {unknown} */
                                status: "requested" | "pending" | "succeeded" | "failed";
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Refund part of a paid order
         * @description An `amount`, or `lines` priced as sold; never more than is left to refund (refunds under way count). The order stays PAID. `202`: the PSP is asked in the background and its refund followed to `succeeded` or `failed` (GET …/refunds).
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description required: a repeat with the same key and body gets the first answer and never acts twice */
                    "idempotency-key": string;
                };
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            /** @description exactly one of `amount` and `lines` */
            requestBody: {
                content: {
                    "application/json": {
                        amount?: {
                            /** @description integer minor units (yen) */
                            amount: number;
                            /** @enum {string} */
                            currency: "JPY";
                        };
                        by?: string;
                        /** @description refund these lines at the price they were sold at (instead of `amount`) */
                        lines?: {
                            quantity: number;
                            /**
                             * @description product code
                             * @example TSHIRT-BLK-M
                             */
                            sku: string;
                        }[];
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description ORD-YYYYMMDD-XXXXXX
                             * @example ORD-20261201-7K3Q9X
                             */
                            orderNo: string;
                            refund: {
                                amount: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                                lines?: {
                                    quantity: number;
                                    /**
                                     * @description product code
                                     * @example TSHIRT-BLK-M
                                     */
                                    sku: string;
                                }[];
                                reason: string;
                                refundId: number;
                                /** @enum {unknown} */
                                status: "requested" | "pending" | "succeeded" | "failed";
                            };
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_KEY_MISSING, BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_KEY_MISSING" | "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_REFUNDABLE, PAYMENT_NOT_CAPTURED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_REFUNDABLE" | "PAYMENT_NOT_CAPTURED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_KEY_REUSED, REFUND_EXCEEDS_CAPTURED, VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_KEY_REUSED" | "REFUND_EXCEEDS_CAPTURED" | "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The ops console's overview
         * @description What the console's first page shows, for the last `minutes` (1–1440, default 60, the current minute included). `purchases`: every minute of the window, oldest first (the orders created in it by their status now: `paid`, `failed`, `cancelled`, `open` = PENDING or WAITING_PAYMENT); `successRate`: paid / (paid + failed) of the window against PURCHASE_SUCCESS_OBJECTIVE; `webhookToPaid`: webhook success → PAID percentiles of this process; `providers`: each PSP's circuit and last 60 s; `alerts`: open and acknowledged, the newest 5; `deadLetters`; `triage`: the 5 largest failure categories of the window (rebuilt at most every 10 s, never waited for: `at` null until the first is built).
         */
        get: {
            parameters: {
                query?: {
                    /** @description the window: this many minutes up to now, the current one included */
                    minutes?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: {
                                acknowledged: number;
                                /** @description the newest open or acknowledged alerts */
                                latest: {
                                    /** Format: uuid */
                                    alertId: string;
                                    /** Format: date-time */
                                    detectedAt: string;
                                    orderNo: string;
                                    ruleId: string;
                                    /** @enum {unknown} */
                                    status: "open" | "acknowledged";
                                    title: string;
                                }[];
                                open: number;
                            };
                            /** Format: date-time */
                            at: string;
                            deadLetters: {
                                /** @description follow-up tasks dead now */
                                count: number;
                            };
                            providers: {
                                /** @enum {unknown} */
                                circuit: "closed" | "open" | "half-open" | "isolated";
                                lastFailureAt: string | null;
                                latency: {
                                    /** @description calls measured */
                                    count: number;
                                    p50Ms: number | null;
                                    p95Ms: number | null;
                                    p99Ms: number | null;
                                };
                                name: string;
                                role: "routed" | "drain-only";
                                successRate: number | null;
                            }[];
                            /** @description every minute of the window, oldest first; the last one is the current minute */
                            purchases: {
                                cancelled: number;
                                failed: number;
                                /** Format: date-time */
                                minute: string;
                                /** @description PENDING or WAITING_PAYMENT */
                                open: number;
                                paid: number;
                            }[];
                            successRate: {
                                failed: number;
                                /** @description PURCHASE_SUCCESS_OBJECTIVE */
                                objective: number;
                                paid: number;
                                ratio: number | null;
                            };
                            /** @description live triage of the window (GET /api/v1/admin/triage), built off the event loop at most every 10 s and never waited for: `at` is when the one shown was built, null while the first is being built */
                            triage: {
                                at: string | null;
                                /** @description the largest failure categories of the window */
                                top: {
                                    count: number;
                                    id: string;
                                    name: {
                                        en: string;
                                        ja: string;
                                    };
                                }[];
                            };
                            /** @description PSP success told by a webhook → order PAID, from this process's orderly_payment_success_to_paid_seconds{source="webhook"} since it started; percentiles estimated from the histogram buckets as Prometheus's histogram_quantile does; null without observations */
                            webhookToPaid: {
                                count: number;
                                p50Ms: number | null;
                                p95Ms: number | null;
                                p99Ms: number | null;
                            };
                            windowMinutes: number;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/overview/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The overview over Server-Sent Events
         * @description `event: overview`, `data:` the JSON of `GET /api/v1/admin/overview` (same `minutes`), at once and then every OVERVIEW_STREAM_INTERVAL_MS (default 2000); a keep-alive comment every 15 s; ended when the server closes. The admin key as `Authorization: Bearer` (read it with fetch streaming, not EventSource). At most 8 streams per process; beyond: 429 with `Retry-After: 10`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description the window: this many minutes up to now, the current one included */
                    minutes?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/products/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or update a product
         * @description `201` created, `200` updated. With `version`, the update applies only to that version (optimistic locking).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description product code
                     * @example TSHIRT-BLK-M
                     */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description money, at most ¥100,000,000 */
                        price: {
                            amount: number;
                            /** @enum {string} */
                            currency: "JPY";
                        } | number;
                        /** @description makes the edit optimistic: 409 CONFLICT when stale */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            price: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                            /**
                             * @description product code
                             * @example TSHIRT-BLK-M
                             */
                            sku: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            price: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                            /**
                             * @description product code
                             * @example TSHIRT-BLK-M
                             */
                            sku: string;
                            version: number;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: CONFLICT */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "CONFLICT";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/products/{sku}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move stock on hand
         * @description Never below what is reserved (`409 STOCK_BELOW_RESERVED`), never above 10¹² units.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description product code
                     * @example TSHIRT-BLK-M
                     */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description units to add (negative: remove) */
                        delta: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: number;
                            onHand: number;
                            reserved: number;
                            /**
                             * @description product code
                             * @example TSHIRT-BLK-M
                             */
                            sku: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PRODUCT_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PRODUCT_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: STOCK_BELOW_RESERVED, STOCK_LIMIT_EXCEEDED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "STOCK_BELOW_RESERVED" | "STOCK_LIMIT_EXCEEDED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PSP health
         * @description Each provider's circuit, breaker window, rate limit, recent calls (last 60 s) with their latency percentiles, last failure and last 20 failed calls (the PSP's status and answer body, at most 2 KB, secrets and card data cut out), its methods and role; and the routes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providers: {
                                breaker: {
                                    probes?: {
                                        failed: number;
                                        inFlight: number;
                                        permitted: number;
                                        succeeded: number;
                                    };
                                    window: {
                                        calls: number;
                                        failureRate: number | null;
                                        failures: number;
                                        windowMs: number;
                                    };
                                };
                                /** @enum {unknown} */
                                circuit: "closed" | "open" | "half-open" | "isolated";
                                halfOpenInSeconds?: number;
                                lastFailure: {
                                    /** Format: date-time */
                                    at: string;
                                    error: string;
                                    operation: string;
                                    status?: number;
                                } | null;
                                latency: {
                                    /** @description calls measured */
                                    count: number;
                                    p50Ms: number | null;
                                    p95Ms: number | null;
                                    p99Ms: number | null;
                                };
                                methods: string[];
                                name: string;
                                rateLimitPerSecond: number;
                                recent: {
                                    calls: number;
                                    latencyMs: {
                                        p50: number;
                                        p95: number;
                                        p99: number;
                                    } | null;
                                    successRate: number | null;
                                    windowSeconds: number;
                                };
                                /** @description the last 20 failed calls (unavailable or timed out), newest first */
                                recentFailures: {
                                    /** Format: date-time */
                                    at: string;
                                    body: string | null;
                                    /** @description PROVIDER_UNAVAILABLE (it certainly did not act) or PROVIDER_AMBIGUOUS (it may have) */
                                    code: string;
                                    error: string;
                                    operation: string;
                                    status: number | null;
                                }[];
                                role: "routed" | "drain-only";
                            }[];
                            routes: {
                                [key: string]: string[];
                            };
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile with the PSPs now
         * @description Compares our payments created in the window with each PSP's truth (its list API; PayPay: each known payment) and repairs what disagrees, idempotently and audited (GET /api/v1/admin/remediations). The same runs every RECONCILE_INTERVAL_MS in `start`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                        /** @description also read these orders' payments at their PSP again and tell the stream (e.g. those with open alerts) */
                        orderNos?: string[];
                        /**
                         * Format: date-time
                         * @description start of the window (payments created from then)
                         */
                        since: string;
                        /**
                         * Format: date-time
                         * @description end of the window (default now)
                         */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description PSP payments whose word we had already */
                            agreed: number;
                            providers: {
                                error?: string;
                                listed: boolean;
                                name: string;
                                payments: number;
                            }[];
                            remediations: {
                                action: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                orderNo: string;
                                /** @enum {unknown} */
                                outcome: "done" | "escalated";
                                /** @enum {unknown} */
                                ruleId: "RULE_A" | "RULE_B" | "RULE_C" | "RULE_D" | "RULE_E" | "RULE_F";
                            }[];
                            /** @description PSP payments of `orderNos` read again */
                            reobserved: number;
                            window: {
                                /** Format: date-time */
                                from: string;
                                /** Format: date-time */
                                to: string;
                            };
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/reconcile/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Runs of reconciliation, newest first
         * @description Every run, periodic (RECONCILE_INTERVAL_MS in `start`) or asked for (POST /api/v1/admin/reconcile), recorded from its start: who, the window, what it checked (PSP payments, decided orders, payments read again, per PSP) and found (agreed, repairs, escalations), or why it stopped. A run cut off by a crash stays `running`. Paged with `nextCursor`: every run on exactly one page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            runs: {
                                /** @description PSP payments whose word we had already */
                                agreed: number;
                                by: string;
                                checked: {
                                    /** @description decided orders of the window whose money was checked */
                                    orders: number;
                                    /** @description PSP payments compared with ours */
                                    payments: number;
                                    providers: {
                                        error?: string;
                                        listed: boolean;
                                        name: string;
                                        payments: number;
                                    }[];
                                    /** @description PSP payments of the orders asked about read again */
                                    reobserved: number;
                                };
                                error: string | null;
                                /** @description of those, left to a person */
                                escalated: number;
                                finishedAt: string | null;
                                id: number;
                                /** @description repairs made (GET /api/v1/admin/remediations), escalations included */
                                remediations: number;
                                /** Format: date-time */
                                startedAt: string;
                                /** @enum {unknown} */
                                status: "running" | "finished" | "failed";
                                /**
                                 * @description periodic: every RECONCILE_INTERVAL_MS in `start`; operator: POST /api/v1/admin/reconcile
                                 * @enum {unknown}
                                 */
                                trigger: "periodic" | "operator";
                                window: {
                                    /** Format: date-time */
                                    from: string;
                                    /** Format: date-time */
                                    to: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/remediations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Repairs made by reconciliation, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            remediations: {
                                action: string;
                                /** Format: date-time */
                                at: string;
                                by: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                orderNo: string;
                                outcome: string;
                                ruleId: string;
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/triage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What broke, what it cost, what to do (ja / en)
         * @description The warn and error lines the start and api processes kept (LOG_KEEP_HOURS, LOG_KEEP_MAX_LINES) from `since` to `until`, clustered into failure categories with proposed names, causal chains (root first) and a runbook per category in Japanese and English; each category with the orders it names as the database knows them (GMV at risk, customers, buyers retrying), and the purchase success rate of the window against the baseline. `orderly triage --since 30m` renders it as Markdown. See docs/triage.md.
         */
        get: {
            parameters: {
                query?: {
                    /** @description start of the baseline, which ends at `since` (default: 24 h before `since`) */
                    baselineSince?: string;
                    /** @description start of the window (default: an hour before `until`) */
                    since?: string;
                    /** @description end of the window (default: now) */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description largest first */
                            categories: {
                                /** @description the id of the category it is a consequence of */
                                causedBy?: string;
                                count: number;
                                customers: number;
                                /** Format: date-time */
                                firstSeen?: string;
                                /** @description C1, C2, … in order of first appearance */
                                id: string;
                                impact?: {
                                    customers: number;
                                    /** @description integer minor units (yen) */
                                    gmvAtRisk: {
                                        amount: number;
                                        /** @enum {string} */
                                        currency: "JPY";
                                    };
                                    /** @description orders the lines name that the database knows */
                                    orders: number;
                                    /** @description buyers whose order failed and who placed another within `withinMs`; `laterPaid` of them were then paid */
                                    retried: {
                                        customers: number;
                                        laterPaid: number;
                                        withinMs: number;
                                    };
                                };
                                key: {
                                    code?: string;
                                    event?: string;
                                    provider?: string;
                                    service?: string;
                                    status?: string;
                                    task?: string;
                                    /** @description the miner's template; empty for orderly's own events (the event names them) */
                                    template: string;
                                };
                                /** Format: date-time */
                                lastSeen?: string;
                                name: {
                                    en: string;
                                    ja: string;
                                };
                                operations: string[];
                                orders: number;
                                requests: number;
                                runbook: {
                                    en: {
                                        /** @description 推奨される一次対応 */
                                        actions: string[];
                                        /** @description 恒久的な解決策 */
                                        fix: string[];
                                        /** @description ビジネスへの影響 */
                                        impact: string[];
                                        /** @description 考えられる根本原因 */
                                        rootCause: string[];
                                        /** @description 問題の概要 */
                                        summary: string[];
                                    };
                                    ja: {
                                        /** @description 推奨される一次対応 */
                                        actions: string[];
                                        /** @description 恒久的な解決策 */
                                        fix: string[];
                                        /** @description ビジネスへの影響 */
                                        impact: string[];
                                        /** @description 考えられる根本原因 */
                                        rootCause: string[];
                                        /** @description 問題の概要 */
                                        summary: string[];
                                    };
                                };
                                /** @description up to three messages as written */
                                samples: string[];
                                /** @description of all failure lines */
                                share: number;
                                traces: number;
                            }[];
                            /** @description root first */
                            chains: {
                                consequences: {
                                    cause: string;
                                    depth: number;
                                    id: string;
                                    /** @enum {unknown} */
                                    via: "shared" | "window";
                                }[];
                                root: string;
                            }[];
                            chainWindowMs: number;
                            failureLines: number;
                            /** Format: date-time */
                            firstSeen?: string;
                            /** Format: date-time */
                            lastSeen?: string;
                            lines: number;
                            links: {
                                cause: string;
                                effect: string;
                                sharedOrders: number;
                                sharedRequests: number;
                                sharedTraces: number;
                                /** @enum {unknown} */
                                via: "shared" | "window";
                            }[];
                            purchases?: {
                                baseline: {
                                    /** @description PAID, or paid and then cancelled by a person */
                                    established: number;
                                    failed: number;
                                    /** Format: date-time */
                                    from: string;
                                    placed: number;
                                    successRate: number | null;
                                    /** Format: date-time */
                                    to: string;
                                    undecided: number;
                                };
                                window: {
                                    /** @description PAID, or paid and then cancelled by a person */
                                    established: number;
                                    failed: number;
                                    /** Format: date-time */
                                    from: string;
                                    placed: number;
                                    successRate: number | null;
                                    /** Format: date-time */
                                    to: string;
                                    undecided: number;
                                };
                            };
                            source?: {
                                /** Format: date-time */
                                from: string;
                                oldestKept: string | null;
                                /** @description older lines of the window not read (at most 50,000 are) */
                                omitted: number;
                                /** Format: date-time */
                                to: string;
                            };
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One delivery with its attempts
         * @description Every attempt of every series: when, how long, the HTTP status or the error, the first bytes of the answer.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description attempts in the current series */
                            attemptCount: number;
                            /** @description every attempt of every series, oldest first */
                            attempts: {
                                /** Format: date-time */
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                httpStatus: number | null;
                                /** @enum {unknown} */
                                outcome: "delivered" | "failed";
                                responseBody: string | null;
                                series: number;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            deadAt: string | null;
                            deliveredAt: string | null;
                            /** Format: uuid */
                            deliveryId: string;
                            /** Format: uuid */
                            eventId: string;
                            /** @description the event key: the order number for order and payment events */
                            eventKey: string;
                            eventType: string;
                            lastError: string | null;
                            lastStatus: number | null;
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            occurredAt: string;
                            redelivered: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                            } | null;
                            /** @description 1, then one more per manual redelivery */
                            series: number;
                            /**
                             * @description pending: waiting for its (next) attempt; delivered: a 2xx came back; dead: its attempts ran out (or the receiver answered 410); skipped: its subscription was disabled
                             * @enum {unknown}
                             */
                            status: "pending" | "delivered" | "dead" | "skipped";
                            /** Format: uuid */
                            subscriptionId: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DELIVERY_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DELIVERY_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again
         * @description `202`: a new series of attempts for the same event (same `Orderly-Event-Id`) with a fresh budget, whatever its status; the earlier attempts stay in the log.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            /** @description optional; who redelivers (default "admin") */
            requestBody: {
                content: {
                    "application/json": {
                        by?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description attempts in the current series */
                            attemptCount: number;
                            /** @description every attempt of every series, oldest first */
                            attempts: {
                                /** Format: date-time */
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                httpStatus: number | null;
                                /** @enum {unknown} */
                                outcome: "delivered" | "failed";
                                responseBody: string | null;
                                series: number;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            deadAt: string | null;
                            deliveredAt: string | null;
                            /** Format: uuid */
                            deliveryId: string;
                            /** Format: uuid */
                            eventId: string;
                            /** @description the event key: the order number for order and payment events */
                            eventKey: string;
                            eventType: string;
                            lastError: string | null;
                            lastStatus: number | null;
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            occurredAt: string;
                            redelivered: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                            } | null;
                            /** @description 1, then one more per manual redelivery */
                            series: number;
                            /**
                             * @description pending: waiting for its (next) attempt; delivered: a 2xx came back; dead: its attempts ran out (or the receiver answered 410); skipped: its subscription was disabled
                             * @enum {unknown}
                             */
                            status: "pending" | "delivered" | "dead" | "skipped";
                            /** Format: uuid */
                            subscriptionId: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: DELIVERY_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "DELIVERY_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_DISABLED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_DISABLED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            subscriptions: {
                                /** Format: date-time */
                                createdAt: string;
                                description: string | null;
                                disabled: {
                                    /** Format: date-time */
                                    at: string;
                                    /**
                                     * @description gone: the receiver answered 410 Gone
                                     * @enum {unknown}
                                     */
                                    reason: "operator" | "gone";
                                } | null;
                                eventTypes: string[];
                                /** @description whsec_… and the last 4 characters of the secret */
                                secretHint: string;
                                secretRotatedAt: string | null;
                                /** @enum {unknown} */
                                status: "active" | "disabled";
                                /** Format: uuid */
                                subscriptionId: string;
                                /** Format: date-time */
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a system to events (outbound webhooks)
         * @description `201` with the signing `secret`, shown only in this answer (later reads show `secretHint`). Events that occur from now on are delivered. Each delivery is a POST of the event envelope `{ id, family, type, version, subject, key, occurredAt, data }` as JSON, with `Orderly-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>`, `Orderly-Event-Id`, `Orderly-Event-Type`, `Orderly-Delivery-Id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        eventTypes: ("*" | "order-status-changed" | "order-placed" | "order-awaiting-payment" | "order-paid" | "order-failed" | "order-cancelled" | "remediation-applied" | "payment-status-observed" | "payment-authorized" | "payment-captured" | "payment-voided" | "payment-refunded" | "payment-refund-requested" | "payment-refund-failed" | "stock-committed" | "stock-released" | "mail-sent" | "task-dead" | "task-requeued" | "task-discarded" | "AlertRaised" | "AlertResolved")[];
                        /** @description http(s), no credentials, no fragment; in production https on a public address only (OUTBOUND_ALLOW_HTTP, OUTBOUND_ALLOW_PRIVATE_URLS) */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabled: {
                                /** Format: date-time */
                                at: string;
                                /**
                                 * @description gone: the receiver answered 410 Gone
                                 * @enum {unknown}
                                 */
                                reason: "operator" | "gone";
                            } | null;
                            eventTypes: string[];
                            /** @description signs every delivery (Orderly-Signature); shown only in this answer */
                            secret: string;
                            /** @description whsec_… and the last 4 characters of the secret */
                            secretHint: string;
                            secretRotatedAt: string | null;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            /** Format: uuid */
                            subscriptionId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_LIMIT_REACHED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_LIMIT_REACHED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook subscription */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    subscriptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabled: {
                                /** Format: date-time */
                                at: string;
                                /**
                                 * @description gone: the receiver answered 410 Gone
                                 * @enum {unknown}
                                 */
                                reason: "operator" | "gone";
                            } | null;
                            eventTypes: string[];
                            /** @description whsec_… and the last 4 characters of the secret */
                            secretHint: string;
                            secretRotatedAt: string | null;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            /** Format: uuid */
                            subscriptionId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-subscriptions/{subscriptionId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription's deliveries, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description pending: waiting for its (next) attempt; delivered: a 2xx came back; dead: its attempts ran out (or the receiver answered 410); skipped: its subscription was disabled */
                    status?: "pending" | "delivered" | "dead" | "skipped";
                };
                header?: never;
                path: {
                    subscriptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                /** @description attempts in the current series */
                                attemptCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                deadAt: string | null;
                                deliveredAt: string | null;
                                /** Format: uuid */
                                deliveryId: string;
                                /** Format: uuid */
                                eventId: string;
                                /** @description the event key: the order number for order and payment events */
                                eventKey: string;
                                eventType: string;
                                lastError: string | null;
                                lastStatus: number | null;
                                nextAttemptAt: string | null;
                                /** Format: date-time */
                                occurredAt: string;
                                redelivered: {
                                    /** Format: date-time */
                                    at: string;
                                    by: string;
                                } | null;
                                /** @description 1, then one more per manual redelivery */
                                series: number;
                                /**
                                 * @description pending: waiting for its (next) attempt; delivered: a 2xx came back; dead: its attempts ran out (or the receiver answered 410); skipped: its subscription was disabled
                                 * @enum {unknown}
                                 */
                                status: "pending" | "delivered" | "dead" | "skipped";
                                /** Format: uuid */
                                subscriptionId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-subscriptions/{subscriptionId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop delivering to a subscription
         * @description No new deliveries; its pending ones become `skipped`. Idempotent.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    subscriptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabled: {
                                /** Format: date-time */
                                at: string;
                                /**
                                 * @description gone: the receiver answered 410 Gone
                                 * @enum {unknown}
                                 */
                                reason: "operator" | "gone";
                            } | null;
                            eventTypes: string[];
                            /** @description whsec_… and the last 4 characters of the secret */
                            secretHint: string;
                            secretRotatedAt: string | null;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            /** Format: uuid */
                            subscriptionId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-subscriptions/{subscriptionId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver to a subscription again
         * @description Events from now on are delivered; those that occurred while it was disabled are not. Idempotent.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    subscriptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabled: {
                                /** Format: date-time */
                                at: string;
                                /**
                                 * @description gone: the receiver answered 410 Gone
                                 * @enum {unknown}
                                 */
                                reason: "operator" | "gone";
                            } | null;
                            eventTypes: string[];
                            /** @description whsec_… and the last 4 characters of the secret */
                            secretHint: string;
                            secretRotatedAt: string | null;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            /** Format: uuid */
                            subscriptionId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_LIMIT_REACHED */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_LIMIT_REACHED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-subscriptions/{subscriptionId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret
         * @description The new `secret` is shown only in this answer. Every attempt from now on, retries included, is signed with it alone: the old one stops at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    subscriptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            disabled: {
                                /** Format: date-time */
                                at: string;
                                /**
                                 * @description gone: the receiver answered 410 Gone
                                 * @enum {unknown}
                                 */
                                reason: "operator" | "gone";
                            } | null;
                            eventTypes: string[];
                            /** @description signs every delivery (Orderly-Signature); shown only in this answer */
                            secret: string;
                            /** @description whsec_… and the last 4 characters of the secret */
                            secretHint: string;
                            secretRotatedAt: string | null;
                            /** @enum {unknown} */
                            status: "active" | "disabled";
                            /** Format: uuid */
                            subscriptionId: string;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SUBSCRIPTION_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SUBSCRIPTION_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/demo/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in to the demo storefront (development only)
         * @description A customer JWT for `demo-<customer>` (`demo-<8 random hex>` without one), signed with ORDERLY_JWT_SECRET and valid for JWT_MAX_AGE_HOURS: what the shop's identity provider issues in production. Only while DEMO_SIGN_IN is on (the default in development; production refuses it): otherwise the route does not exist (404). Limited per client address like the public routes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description optional */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the customer id becomes `demo-<customer>`; absent: `demo-<8 random hex>` */
                        customer?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description a customer JWT (HS256, ORDERLY_JWT_SECRET), valid for JWT_MAX_AGE_HOURS: send it as `Authorization: Bearer` */
                            token: string;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My orders, newest first
         * @description The caller's own orders only. Paged with `nextCursor`: every order appears on exactly one page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    status?: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            orders: {
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo: string;
                                /** @enum {unknown} */
                                status: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                                total: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Buy (購入する)
         * @description Reserves the stock, authorizes the payment and decides, within the purchase deadline. `201` PAID; `202` WAITING_PAYMENT (the buyer must act: `payment.nextAction`), with a `channelToken` for live updates; otherwise an error, with the `orderNo` when an order was recorded. The same `Idempotency-Key` with the same body always gets the same answer.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description required: the same key and body never make a second order and always get the same answer */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description the buyer's mails go here
                         */
                        email?: string;
                        /** @description the same SKU twice is one line with the quantities added */
                        items: {
                            quantity: number;
                            /**
                             * @description product code
                             * @example TSHIRT-BLK-M
                             */
                            sku: string;
                        }[];
                        payment: {
                            /**
                             * @description card needs a token; paypay (QR / app) has none
                             * @enum {unknown}
                             */
                            method: "card" | "paypay";
                            /** @description the PSP card token (tok_visa … in development) */
                            token?: string;
                        };
                        shippingAddress: {
                            city: string;
                            line1: string;
                            line2?: string;
                            name: string;
                            phone: string;
                            /** @description Japanese postal code: 123-4567 or 1234567 */
                            postalCode: string;
                            prefecture: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            failure?: {
                                reason: string;
                            };
                            items: {
                                lineTotal: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                                name: string;
                                quantity: number;
                                /**
                                 * @description product code
                                 * @example TSHIRT-BLK-M
                                 */
                                sku: string;
                                unitPrice: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                            }[];
                            /**
                             * @description ORD-YYYYMMDD-XXXXXX
                             * @example ORD-20261201-7K3Q9X
                             */
                            orderNo: string;
                            payment: {
                                /** Format: date-time */
                                expiresAt?: string;
                                method: string;
                                /** @description while the buyer must act (QR page, 3-D Secure) */
                                nextAction?: {
                                    /** @enum {string} */
                                    type: "redirect";
                                    url: string;
                                };
                                /** @description PENDING, PROCESSING, REQUIRES_ACTION, AUTHORIZED, CAPTURED, DECLINED, FAILED, VOIDED, REFUNDED */
                                status: string;
                            };
                            /** @enum {unknown} */
                            status: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                            total: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description opens this order's live updates (WebSocket ?token=, or Bearer) and nothing else */
                            channelToken?: string;
                            /** Format: date-time */
                            createdAt: string;
                            failure?: {
                                reason: string;
                            };
                            items: {
                                lineTotal: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                                name: string;
                                quantity: number;
                                /**
                                 * @description product code
                                 * @example TSHIRT-BLK-M
                                 */
                                sku: string;
                                unitPrice: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                            }[];
                            /**
                             * @description ORD-YYYYMMDD-XXXXXX
                             * @example ORD-20261201-7K3Q9X
                             */
                            orderNo: string;
                            payment: {
                                /** Format: date-time */
                                expiresAt?: string;
                                method: string;
                                /** @description while the buyer must act (QR page, 3-D Secure) */
                                nextAction?: {
                                    /** @enum {string} */
                                    type: "redirect";
                                    url: string;
                                };
                                /** @description PENDING, PROCESSING, REQUIRES_ACTION, AUTHORIZED, CAPTURED, DECLINED, FAILED, VOIDED, REFUNDED */
                                status: string;
                            };
                            /** @enum {unknown} */
                            status: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                            total: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_KEY_MISSING, BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_KEY_MISSING" | "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYMENT_DECLINED, PAYMENT_EXPIRED */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYMENT_DECLINED" | "PAYMENT_EXPIRED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_IN_PROGRESS, OUT_OF_STOCK */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_IN_PROGRESS" | "OUT_OF_STOCK";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: IDEMPOTENCY_KEY_REUSED, UNKNOWN_PRODUCT, PAYMENT_METHOD_NOT_AVAILABLE, ORDER_TOTAL_ZERO, ORDER_TOTAL_TOO_LARGE, VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_PRODUCT" | "PAYMENT_METHOD_NOT_AVAILABLE" | "ORDER_TOTAL_ZERO" | "ORDER_TOTAL_TOO_LARGE" | "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYMENT_UNAVAILABLE, CHECKOUT_TIMEOUT, CHECKOUT_BUSY, SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYMENT_UNAVAILABLE" | "CHECKOUT_TIMEOUT" | "CHECKOUT_BUSY" | "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my orders
         * @description Another customer's order is `404`: its existence is not the caller's business.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            failure?: {
                                reason: string;
                            };
                            items: {
                                lineTotal: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                                name: string;
                                quantity: number;
                                /**
                                 * @description product code
                                 * @example TSHIRT-BLK-M
                                 */
                                sku: string;
                                unitPrice: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                            }[];
                            /**
                             * @description ORD-YYYYMMDD-XXXXXX
                             * @example ORD-20261201-7K3Q9X
                             */
                            orderNo: string;
                            payment: {
                                /** Format: date-time */
                                expiresAt?: string;
                                method: string;
                                /** @description while the buyer must act (QR page, 3-D Secure) */
                                nextAction?: {
                                    /** @enum {string} */
                                    type: "redirect";
                                    url: string;
                                };
                                /** @description PENDING, PROCESSING, REQUIRES_ACTION, AUTHORIZED, CAPTURED, DECLINED, FAILED, VOIDED, REFUNDED */
                                status: string;
                            };
                            /** @enum {unknown} */
                            status: "PENDING" | "WAITING_PAYMENT" | "PAID" | "FAILED" | "CANCELLED";
                            total: {
                                /** @description integer minor units (yen) */
                                amount: number;
                                /** @enum {string} */
                                currency: "JPY";
                            };
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderNo}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live order status over Server-Sent Events
         * @description The order as `GET /api/v1/orders/{orderNo}` shows it: a snapshot on connect, then an update at each change of the order or its payment. Its customer (Bearer JWT) or the holder of its channel token (Bearer or `?token=`). At most 20 per order per process. `event: snapshot` then `event: update`, `data:` the order; a keep-alive comment every 15 s. Over the limit: 429.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderNo}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live order status over WebSocket
         * @description The order as `GET /api/v1/orders/{orderNo}` shows it: a snapshot on connect, then an update at each change of the order or its payment. Its customer (Bearer JWT) or the holder of its channel token (Bearer or `?token=`). At most 20 per order per process. Messages: `{ "type": "snapshot" | "update", "order": … }`. A 21st connection is closed with 1013.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /**
                     * @description ORD-YYYYMMDD-XXXXXX
                     * @example ORD-20261201-7K3Q9X
                     */
                    orderNo: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description switching to the WebSocket protocol */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: ORDER_NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "ORDER_NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalog with what is available */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            products: {
                                available: number;
                                name: string;
                                price: {
                                    /** @description integer minor units (yen) */
                                    amount: number;
                                    /** @enum {string} */
                                    currency: "JPY";
                                };
                                /**
                                 * @description product code
                                 * @example TSHIRT-BLK-M
                                 */
                                sku: string;
                            }[];
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database is reachable and migrated */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missing?: string[];
                            reason?: string;
                            status: "ready" | "migrating" | "unavailable";
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            missing?: string[];
                            reason?: string;
                            status: "ready" | "migrating" | "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text format. The admin key or METRICS_TOKEN.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/plain; version=0.0.4 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNAUTHENTICATED */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNAUTHENTICATED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A PSP notification
         * @description `stripe`: `Stripe-Signature`. `psp-sim`: `psp-sim-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. `paypay`: unsigned, so only a hint: orderly asks PayPay before anything changes; a hint about no payment of ours is not kept (`ignored`), one repeating a payment and status within WEBHOOK_HINT_WINDOW_MS is a duplicate, and confirmations are not repeated within that window. Stored once per event id; `{ received: true, duplicate: true }` for one seen before. Bodies at most 256 KiB (Stripe), 64 KiB (psp-sim), 16 KiB (PayPay).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: string;
                };
                cookie?: never;
            };
            /** @description the PSP event, as the PSP sent it (signed bytes) */
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            duplicate?: true;
                            /**
                             * @description an unsigned hint about no payment of ours: not kept
                             * @enum {boolean}
                             */
                            ignored?: true;
                            /** @enum {boolean} */
                            received: true;
                        };
                    };
                };
                /** @description error: BAD_REQUEST */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "BAD_REQUEST";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: WEBHOOK_SIGNATURE_INVALID */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "WEBHOOK_SIGNATURE_INVALID";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: NOT_FOUND */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "NOT_FOUND";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: PAYLOAD_TOO_LARGE */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "PAYLOAD_TOO_LARGE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: URI_TOO_LONG */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "URI_TOO_LONG";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: UNSUPPORTED_MEDIA_TYPE */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: VALIDATION_FAILED */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "VALIDATION_FAILED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: RATE_LIMITED */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "RATE_LIMITED";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: INTERNAL */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "INTERNAL";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
                /** @description error: SERVICE_UNAVAILABLE */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "SERVICE_UNAVAILABLE";
                                /** @description for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] } */
                                details?: unknown;
                                message: string;
                                /**
                                 * @description ORD-YYYYMMDD-XXXXXX
                                 * @example ORD-20261201-7K3Q9X
                                 */
                                orderNo?: string;
                                retryable: boolean;
                                retryAfterSeconds?: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
