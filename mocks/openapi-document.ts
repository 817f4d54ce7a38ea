// Generated from mocks/openapi.yaml by scripts/contract-types.mjs — do not edit.
/** The OpenAPI 3.1 document of the REST contract, served by the mock at `GET {baseUrl}/openapi.json`. */
export const openapiDocument: Record<string, unknown> = {
  "openapi": "3.1.0",
  "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
  "info": {
    "title": "Certificate Center REST contract",
    "version": "1.0.0",
    "summary": "The calls between the Certificate Center SDK and a broker's certificate authority.",
    "description": "The broker's backend issues, renews and revokes the client certificate that signs a\ncustomer's online orders. The SDK generates the key pair in the browser, sends a CSR and\nstores the returned certificate; the private key never reaches the backend.\n\n## Conventions\n- JSON bodies (`application/json`); times are RFC 3339 strings in UTC; serial numbers are\n  upper-case hexadecimal without separators; certificates are PEM.\n- Identity data (ID number, phone, e-mail) only ever leaves the backend masked:\n  `A103******`, `0966****06`, `c*****n@i.com`.\n- Every error is `application/problem+json` (RFC 9457) with a machine `code`; clients\n  branch on `code`, never on `title` or `detail`.\n\n## Authentication\n`Authorization: Bearer <token>` (the SDK asks the host page through `getAccessToken()`),\nor the host's session cookie `cert_center_session`. None, or an unknown one, answers\n401 `UNAUTHENTICATED`.\n\n## Idempotency\nEvery POST carries an `Idempotency-Key` header (missing → 400 `VALIDATION`). A key is\nscoped to the customer and the route and kept 24 hours. The same key with a JSON-equal\nbody replays the first 2xx or 4xx result unchanged (with `Idempotency-Replayed: true`)\nand changes nothing; with another body it answers 422 `IDEMPOTENCY_KEY_REUSED`. 5xx\nresults are not kept, so the same request may be sent again with the same key. A\ncorrected request is a new request with a new key; so is a request sent again after the\n`Retry-After` of a `RATE_LIMITED` answer (a 4xx, kept and replayed like any other).\n\n## Order of checks\nThe first failing check answers: authentication → idempotent replay (a known key is\nanswered from its stored result before anything else, so a replayed send is neither counted\nnor limited) → request shape (`VALIDATION`) → rate limits (`RATE_LIMITED`, on `POST /otp`\nand its verification) → one-time code or `otpToken` → consent version → the certificate's\nstate (exists → active → renewal window / revocation limit / already has one) → CSR (its\nkey included: revoked for `keyCompromise`, or the renewed certificate's own) → renewal\nproof.\n\n## Status codes\n| code | HTTP |\n| --- | --- |\n| `VALIDATION` | 400 |\n| `UNAUTHENTICATED` | 401 |\n| `OTP_TOKEN_INVALID` | 403 |\n| `NOT_FOUND` | 404 |\n| `OTP_EXPIRED` | 410 |\n| `CERT_EXISTS`, `CERT_NOT_ACTIVE`, `RENEWAL_NOT_OPEN`, `REVOCATION_LIMIT` | 409 |\n| `OTP_INVALID`, `CSR_INVALID`, `CONSENT_REQUIRED`, `RENEWAL_PROOF_INVALID`, `IDEMPOTENCY_KEY_REUSED` | 422 |\n| `OTP_LOCKED` | 423 |\n| `RATE_LIMITED` (with `Retry-After`) | 429 |\n| `INTERNAL` | 500, or 503 with `Retry-After` when the service is briefly unavailable |\n\n## Rules\n- One PC certificate per ID number. Applying is refused with `CERT_EXISTS` while the\n  customer has a PC certificate that is not revoked and whose `renewUntil` has not passed\n  (renew it instead).\n- Certificates are valid `validityDays` (default 365) from issue. The renewal window runs\n  from `renewFrom` = `notAfter` − `renewBeforeDays` (30) to `renewUntil` = `notAfter` +\n  `renewAfterDays` (30).\n- Status at the backend's clock: `revoked` wins; else `expired` after `notAfter`; else\n  `renewal-due` from `renewFrom` until `notAfter`; else `valid`.\n- The CA takes the subject from the authenticated customer (CN = the ID number); the CSR\n  only proves possession of the key, signed with SHA-256 or stronger (RSASSA-PKCS1-v1_5 for\n  RSA, ECDSA for EC). The backend checks the key itself, or a CSR with public exponent 1\n  \"verifies\" without any private key; refused keys answer `CSR_INVALID` with `reason`:\n  - RSA (`rsaEncryption`, NULL parameters): an odd modulus of 2048 to 8192 bits with no\n    prime factor below 752 (`rsa-modulus`), and an odd public exponent with\n    65537 ≤ e < 2^256 (`rsa-exponent`; FIPS 186-5 §A.1.1).\n  - EC: the named curve P-256 (`ec-curve`) and an uncompressed point `04 ‖ X ‖ Y` with X and\n    Y below the field prime and on the curve (`ec-point`; SP 800-56A §5.6.2.3.4). Compressed\n    points and the point at infinity are refused: WebCrypto writes uncompressed points, and\n    so do OpenSSL and Windows by default.\n  - Any other key algorithm is `key-algorithm`.\n- A public key whose certificate was revoked for `keyCompromise` is never certified again,\n  for any customer (`reason: key-compromised`); renewal needs a new key pair, not the\n  renewed certificate's (`reason: key-reused`).\n- Renewal needs `proof`: base64 of a detached CMS SignedData (RFC 5652) over the new CSR's\n  DER, made with the current certificate's key. Signed attributes and an embedded signer\n  certificate are allowed but not required; the backend verifies the signature against\n  the stored current certificate, never against a certificate inside the proof. When the\n  new certificate is issued the old one is revoked (reason `superseded`); this does not\n  count against the revocation limit.\n- Renewing or revoking a revoked certificate, an expired one (revocation only), or another\n  device's certificate is `CERT_NOT_ACTIVE`.\n- Revocation limit: `revocationsPerYear` (default 3) counts the customer's own revocations\n  in the last 365 days; past it, `REVOCATION_LIMIT` (the customer must contact a branch).\n- One-time codes: `codeLength` digits (4), valid `ttlSeconds` (60). A new send voids the\n  earlier code (it then answers `OTP_EXPIRED`); each wrong entry answers `OTP_INVALID`\n  with `attemptsLeft`; the third wrong entry voids the code and answers `OTP_LOCKED`\n  (`attemptsLeft: 0`), as does every later entry of it. The code is sent only by SMS\n  and/or e-mail, never in a response.\n- Rate limits: a backend must limit, per customer, how many codes it sends and how many\n  wrong entries it takes across all of that customer's codes, or a short code falls to\n  guessing with the session alone (three tries per code, codes without end). Past a limit\n  it answers 429 `RATE_LIMITED` with `Retry-After` and `retryAfterSeconds` (the seconds\n  until the oldest counted event leaves its window) and `reason`. The mock counts on its\n  clock: 20 sends an hour and 50 a day (`otp-sends-per-hour`, `otp-sends-per-day`), 10\n  wrong entries an hour (`otp-failures-per-hour`). While the wrong-entry limit is reached,\n  every entry answers `RATE_LIMITED` without being compared, the right code included, so\n  the limit cannot tell right from wrong. There is no cooldown between two sends by\n  default (the customer may ask again at once); one may be configured\n  (`otp-cooldown`). Refused sends and replays are not counted. A real backend may limit\n  more (per address, per device); its limits are its own.\n- `otpToken`: lives 5 minutes, bound to its purpose and customer, single use, consumed only\n  by a successful operation (a refused request can be corrected and sent again). Unknown,\n  expired, used, or of another purpose or customer → 403 `OTP_TOKEN_INVALID`.\n- `chain` runs from the issuing CA up to and including the root; never the leaf.\n- `GET /certificates/{serialNumber}` and its `/status` see only the customer's own\n  certificates; any other serial number is `NOT_FOUND`.\n"
  },
  "servers": [
    {
      "url": "/api/cert-center/v1"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    },
    {
      "cookieAuth": []
    }
  ],
  "tags": [
    {
      "name": "profile"
    },
    {
      "name": "certificates"
    },
    {
      "name": "one-time codes"
    },
    {
      "name": "content"
    }
  ],
  "paths": {
    "/profile": {
      "get": {
        "operationId": "getProfile",
        "tags": [
          "profile"
        ],
        "summary": "The signed-in customer, masked.",
        "responses": {
          "200": {
            "description": "The customer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Profile"
                },
                "example": {
                  "idNumber": "A103******",
                  "name": "王小明",
                  "phone": "0966****06",
                  "email": "c*****n@i.com"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/certificates": {
      "get": {
        "operationId": "listCertificates",
        "tags": [
          "certificates"
        ],
        "summary": "The customer's certificates on every device, and the policy that governs them.",
        "responses": {
          "200": {
            "description": "Certificates (PC and other devices) and the policy.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CertificatesResponse"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "post": {
        "operationId": "applyCertificate",
        "tags": [
          "certificates"
        ],
        "summary": "Apply (申請) for the customer's PC certificate.",
        "description": "Needs an `otpToken` of purpose `apply` and the current consent version. Refused with\n`CERT_EXISTS` while the customer has a PC certificate that is not revoked and whose\n`renewUntil` has not passed.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ApplyRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The issued certificate with its chain.",
            "headers": {
              "Idempotency-Replayed": {
                "$ref": "#/components/headers/IdempotencyReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CertificateDetail"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/OtpTokenInvalid"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/certificates/{serialNumber}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SerialNumber"
        }
      ],
      "get": {
        "operationId": "getCertificate",
        "tags": [
          "certificates"
        ],
        "summary": "One of the customer's certificates, with PEM and chain.",
        "responses": {
          "200": {
            "description": "The certificate.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CertificateDetail"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/certificates/{serialNumber}/status": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SerialNumber"
        }
      ],
      "get": {
        "operationId": "getCertificateStatus",
        "tags": [
          "certificates"
        ],
        "summary": "The status of one of the customer's certificates at the backend's clock.",
        "description": "`unknown` when the backend cannot tell at the moment (its status source is unavailable).",
        "responses": {
          "200": {
            "description": "The status.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CertificateStatusResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/certificates/{serialNumber}/renewal": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SerialNumber"
        }
      ],
      "post": {
        "operationId": "renewCertificate",
        "tags": [
          "certificates"
        ],
        "summary": "Renew (更新) a PC certificate inside its renewal window; the old one is revoked.",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RenewalRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new certificate with its chain.",
            "headers": {
              "Idempotency-Replayed": {
                "$ref": "#/components/headers/IdempotencyReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CertificateDetail"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/OtpTokenInvalid"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/certificates/{serialNumber}/revocation": {
      "parameters": [
        {
          "$ref": "#/components/parameters/SerialNumber"
        }
      ],
      "post": {
        "operationId": "revokeCertificate",
        "tags": [
          "certificates"
        ],
        "summary": "Revoke (註銷) an active PC certificate, within the yearly limit.",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RevocationRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The revoked certificate and how many online revocations remain.",
            "headers": {
              "Idempotency-Replayed": {
                "$ref": "#/components/headers/IdempotencyReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RevocationResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/OtpTokenInvalid"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/otp": {
      "post": {
        "operationId": "sendOtp",
        "tags": [
          "one-time codes"
        ],
        "summary": "Send a one-time code (取得認證碼) for one purpose; voids the customer's earlier code.",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OtpRequest"
              },
              "example": {
                "purpose": "apply"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The code was sent; where to, masked.",
            "headers": {
              "Idempotency-Replayed": {
                "$ref": "#/components/headers/IdempotencyReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OtpChallenge"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/otp/{otpId}/verification": {
      "parameters": [
        {
          "name": "otpId",
          "in": "path",
          "required": true,
          "description": "The `otpId` of the challenge; letters, digits, `_` and `-` only, so it is always one path segment.",
          "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "pattern": "^[A-Za-z0-9_-]+$"
          }
        }
      ],
      "post": {
        "operationId": "verifyOtp",
        "tags": [
          "one-time codes"
        ],
        "summary": "Check the code the customer typed; gives a single-use `otpToken` for its purpose.",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OtpVerificationRequest"
              },
              "example": {
                "code": "4821"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The code was right.",
            "headers": {
              "Idempotency-Replayed": {
                "$ref": "#/components/headers/IdempotencyReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OtpVerification"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Validation"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "410": {
            "$ref": "#/components/responses/OtpExpired"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "423": {
            "$ref": "#/components/responses/OtpLocked"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/consent": {
      "get": {
        "operationId": "getConsent",
        "tags": [
          "content"
        ],
        "summary": "The CA subscriber agreement (申請同意書) the customer accepts when applying.",
        "responses": {
          "200": {
            "description": "The current version of the agreement.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Consent"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/announcements": {
      "get": {
        "operationId": "listAnnouncements",
        "tags": [
          "content"
        ],
        "summary": "Announcements (公告), newest first.",
        "responses": {
          "200": {
            "description": "The announcements.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AnnouncementsResponse"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "500": {
            "$ref": "#/components/responses/Internal"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "The host page's access token, from the SDK's `getAccessToken()`."
      },
      "cookieAuth": {
        "type": "apiKey",
        "in": "cookie",
        "name": "cert_center_session",
        "description": "The host's session cookie, sent when the SDK uses `credentials`."
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": true,
        "description": "A fresh random key per logical request (a UUID is fine), reused only to send the same\nrequest again. Scoped to the customer and the route, kept 24 hours. Missing or\nmalformed → 400 `VALIDATION`.\n",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255,
          "pattern": "^[\\x21-\\x7E]+$"
        },
        "example": "5f0c6c1e-8d5b-4b7e-9d35-6b0c2a3c9a11"
      },
      "SerialNumber": {
        "name": "serialNumber",
        "in": "path",
        "required": true,
        "description": "Upper-case hexadecimal serial number; anything else → 400 `VALIDATION`.",
        "schema": {
          "$ref": "#/components/schemas/SerialNumber"
        }
      }
    },
    "headers": {
      "RetryAfter": {
        "description": "Seconds to wait before trying again (RFC 9110 §10.2.3).",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$"
        },
        "example": "30"
      },
      "IdempotencyReplayed": {
        "description": "`true` when the response is the stored result of an earlier request with the same key.",
        "schema": {
          "type": "string",
          "enum": [
            "true"
          ]
        }
      },
      "WwwAuthenticate": {
        "description": "The authentication scheme to use.",
        "schema": {
          "type": "string"
        },
        "example": "Bearer"
      }
    },
    "responses": {
      "Validation": {
        "description": "`VALIDATION`: the request is malformed (body shape, path parameter, missing `Idempotency-Key`).",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/validation",
              "title": "The request is malformed",
              "status": 400,
              "code": "VALIDATION",
              "detail": "Idempotency-Key header is required",
              "errors": [
                {
                  "pointer": "/csr",
                  "message": "must be a PEM certificate request"
                }
              ]
            }
          }
        }
      },
      "Unauthenticated": {
        "description": "`UNAUTHENTICATED`: no bearer token or session cookie, or an unknown one.",
        "headers": {
          "WWW-Authenticate": {
            "$ref": "#/components/headers/WwwAuthenticate"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/unauthenticated",
              "title": "Sign in first",
              "status": 401,
              "code": "UNAUTHENTICATED"
            }
          }
        }
      },
      "OtpTokenInvalid": {
        "description": "`OTP_TOKEN_INVALID`: the otpToken is unknown, expired, already used, or of another purpose or customer.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/otp-token-invalid",
              "title": "The verification is not valid for this operation",
              "status": 403,
              "code": "OTP_TOKEN_INVALID"
            }
          }
        }
      },
      "NotFound": {
        "description": "`NOT_FOUND`: no such certificate or one-time code for this customer.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/not-found",
              "title": "Not found",
              "status": 404,
              "code": "NOT_FOUND"
            }
          }
        }
      },
      "OtpExpired": {
        "description": "`OTP_EXPIRED`: the code is past its `ttlSeconds`, was voided by a newer send, or was already used.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/otp-expired",
              "title": "The code has expired",
              "status": 410,
              "code": "OTP_EXPIRED"
            }
          }
        }
      },
      "Conflict": {
        "description": "The certificate's state forbids the operation:\n`CERT_EXISTS` (apply while a PC certificate is still in force),\n`CERT_NOT_ACTIVE` (renew/revoke a revoked or another device's certificate, revoke an expired one),\n`RENEWAL_NOT_OPEN` (renew outside `renewFrom`..`renewUntil`),\n`REVOCATION_LIMIT` (no online revocations left this year).\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "examples": {
              "certExists": {
                "value": {
                  "type": "https://cert-center.example/problems/cert-exists",
                  "title": "A certificate is already in force",
                  "status": 409,
                  "code": "CERT_EXISTS"
                }
              },
              "certNotActive": {
                "value": {
                  "type": "https://cert-center.example/problems/cert-not-active",
                  "title": "The certificate is not active",
                  "status": 409,
                  "code": "CERT_NOT_ACTIVE"
                }
              },
              "renewalNotOpen": {
                "value": {
                  "type": "https://cert-center.example/problems/renewal-not-open",
                  "title": "Renewal is not open",
                  "status": 409,
                  "code": "RENEWAL_NOT_OPEN"
                }
              },
              "revocationLimit": {
                "value": {
                  "type": "https://cert-center.example/problems/revocation-limit",
                  "title": "No online revocations left",
                  "status": 409,
                  "code": "REVOCATION_LIMIT",
                  "revocationsLeft": 0
                }
              }
            }
          }
        }
      },
      "Unprocessable": {
        "description": "Well-formed but refused:\n`OTP_INVALID` (wrong code, with `attemptsLeft`),\n`CSR_INVALID` (with `reason`: unreadable, bad signature, disallowed algorithm, a weak or\ninvalid key, a key revoked for `keyCompromise`, or renewal with the old key),\n`CONSENT_REQUIRED` (`consentVersion` is not the current one),\n`RENEWAL_PROOF_INVALID` (the proof does not verify against the current certificate),\n`IDEMPOTENCY_KEY_REUSED` (the key was used with another body).\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "examples": {
              "otpInvalid": {
                "value": {
                  "type": "https://cert-center.example/problems/otp-invalid",
                  "title": "The code is wrong",
                  "status": 422,
                  "code": "OTP_INVALID",
                  "attemptsLeft": 2
                }
              },
              "csrInvalid": {
                "value": {
                  "type": "https://cert-center.example/problems/csr-invalid",
                  "title": "The certificate request is not acceptable",
                  "status": 422,
                  "code": "CSR_INVALID",
                  "reason": "rsa-exponent",
                  "detail": "The RSA public exponent must be odd, at least 65537 and below 2^256"
                }
              },
              "consentRequired": {
                "value": {
                  "type": "https://cert-center.example/problems/consent-required",
                  "title": "Accept the current agreement first",
                  "status": 422,
                  "code": "CONSENT_REQUIRED"
                }
              },
              "renewalProofInvalid": {
                "value": {
                  "type": "https://cert-center.example/problems/renewal-proof-invalid",
                  "title": "The renewal proof does not verify",
                  "status": 422,
                  "code": "RENEWAL_PROOF_INVALID"
                }
              },
              "idempotencyKeyReused": {
                "value": {
                  "type": "https://cert-center.example/problems/idempotency-key-reused",
                  "title": "The Idempotency-Key was used with another request",
                  "status": 422,
                  "code": "IDEMPOTENCY_KEY_REUSED"
                }
              }
            }
          }
        }
      },
      "OtpLocked": {
        "description": "`OTP_LOCKED`: the third wrong entry voided the code (`attemptsLeft: 0`); ask for a new one.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/otp-locked",
              "title": "Too many wrong entries",
              "status": 423,
              "code": "OTP_LOCKED",
              "attemptsLeft": 0
            }
          }
        }
      },
      "RateLimited": {
        "description": "`RATE_LIMITED`: too many codes sent or wrong entries made; wait `Retry-After` seconds (`reason` says which limit).",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/rate-limited",
              "title": "Too many requests",
              "status": 429,
              "code": "RATE_LIMITED",
              "reason": "otp-sends-per-hour",
              "retryAfterSeconds": 1740,
              "detail": "Too many codes were sent in the last hour"
            }
          }
        }
      },
      "Internal": {
        "description": "`INTERNAL`: the backend failed; nothing was stored under the Idempotency-Key, so the same request may be sent again.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/internal",
              "title": "Internal error",
              "status": 500,
              "code": "INTERNAL"
            }
          }
        }
      },
      "Unavailable": {
        "description": "`INTERNAL` with status 503: the service is briefly unavailable; retry after `Retry-After` seconds.",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ProblemDetails"
            },
            "example": {
              "type": "https://cert-center.example/problems/unavailable",
              "title": "Service unavailable",
              "status": 503,
              "code": "INTERNAL",
              "retryAfterSeconds": 5
            }
          }
        }
      }
    },
    "schemas": {
      "ErrorCode": {
        "description": "The machine code of a problem; clients branch on it.",
        "type": "string",
        "enum": [
          "UNAUTHENTICATED",
          "VALIDATION",
          "OTP_INVALID",
          "OTP_EXPIRED",
          "OTP_LOCKED",
          "OTP_TOKEN_INVALID",
          "CONSENT_REQUIRED",
          "CERT_EXISTS",
          "CSR_INVALID",
          "NOT_FOUND",
          "RENEWAL_NOT_OPEN",
          "RENEWAL_PROOF_INVALID",
          "REVOCATION_LIMIT",
          "IDEMPOTENCY_KEY_REUSED",
          "CERT_NOT_ACTIVE",
          "RATE_LIMITED",
          "INTERNAL"
        ]
      },
      "ValidationIssue": {
        "description": "One reason a request is malformed.",
        "type": "object",
        "required": [
          "pointer",
          "message"
        ],
        "properties": {
          "pointer": {
            "type": "string",
            "description": "JSON Pointer (RFC 6901) into the body, or `header:<name>` / `path:<name>`."
          },
          "message": {
            "type": "string"
          }
        }
      },
      "ProblemDetails": {
        "description": "An error (RFC 9457) with the contract's machine `code`.",
        "type": "object",
        "required": [
          "type",
          "title",
          "status",
          "code"
        ],
        "properties": {
          "type": {
            "type": "string",
            "format": "uri",
            "description": "Identifies the problem kind; one URI per `code`."
          },
          "title": {
            "type": "string",
            "description": "Short English summary for developers."
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599
          },
          "detail": {
            "type": "string"
          },
          "instance": {
            "type": "string"
          },
          "code": {
            "$ref": "#/components/schemas/ErrorCode"
          },
          "attemptsLeft": {
            "type": "integer",
            "minimum": 0,
            "description": "With `OTP_INVALID` (wrong entries left) and `OTP_LOCKED` (0)."
          },
          "retryAfterSeconds": {
            "type": "integer",
            "minimum": 0,
            "description": "With `RATE_LIMITED` and 503; the same as the `Retry-After` header."
          },
          "revocationsLeft": {
            "type": "integer",
            "minimum": 0,
            "description": "With `REVOCATION_LIMIT` (0)."
          },
          "reason": {
            "type": "string",
            "description": "With `CSR_INVALID` (a `CsrRejectionReason`) and `RATE_LIMITED` (a `RateLimitReason`): which rule refused."
          },
          "errors": {
            "type": "array",
            "description": "With `VALIDATION`, what is malformed.",
            "items": {
              "$ref": "#/components/schemas/ValidationIssue"
            }
          }
        },
        "allOf": [
          {
            "if": {
              "properties": {
                "code": {
                  "enum": [
                    "OTP_INVALID",
                    "OTP_LOCKED"
                  ]
                }
              }
            },
            "then": {
              "required": [
                "attemptsLeft"
              ]
            }
          },
          {
            "if": {
              "properties": {
                "code": {
                  "const": "OTP_LOCKED"
                }
              }
            },
            "then": {
              "properties": {
                "attemptsLeft": {
                  "const": 0
                }
              }
            }
          },
          {
            "if": {
              "properties": {
                "code": {
                  "const": "RATE_LIMITED"
                }
              }
            },
            "then": {
              "required": [
                "retryAfterSeconds"
              ]
            }
          },
          {
            "if": {
              "properties": {
                "code": {
                  "const": "CSR_INVALID"
                }
              }
            },
            "then": {
              "required": [
                "reason"
              ],
              "properties": {
                "reason": {
                  "$ref": "#/components/schemas/CsrRejectionReason"
                }
              }
            }
          }
        ]
      },
      "CsrRejectionReason": {
        "description": "Why a CSR was refused: `malformed` (not a PKCS#10 request, or its key cannot be read),\n`key-algorithm` (neither RSA nor EC), `rsa-modulus` (not odd, not 2048–8192 bits, or a\nprime factor below 752), `rsa-exponent` (not odd, or outside 65537 ≤ e < 2^256),\n`ec-curve` (not P-256), `ec-point` (not an uncompressed point on the curve),\n`signature-algorithm` (not SHA-256 or stronger, or not the key's scheme), `signature`\n(does not verify with its own key), `key-compromised` (the key's certificate was revoked\nfor `keyCompromise`), `key-reused` (renewal with the renewed certificate's own key).\n",
        "type": "string",
        "enum": [
          "malformed",
          "key-algorithm",
          "rsa-modulus",
          "rsa-exponent",
          "ec-curve",
          "ec-point",
          "signature-algorithm",
          "signature",
          "key-compromised",
          "key-reused"
        ]
      },
      "RateLimitReason": {
        "description": "Which limit a `RATE_LIMITED` answer hit, where the backend says: `otp-sends-per-hour`,\n`otp-sends-per-day` (codes sent to the customer), `otp-failures-per-hour` (wrong entries\nacross the customer's codes), `otp-cooldown` (a configured wait between two sends). A\nbackend may have limits of its own and send other values.\n",
        "type": "string",
        "examples": [
          "otp-sends-per-hour",
          "otp-sends-per-day",
          "otp-failures-per-hour",
          "otp-cooldown"
        ]
      },
      "SerialNumber": {
        "description": "Upper-case hexadecimal, no separators.",
        "type": "string",
        "pattern": "^[0-9A-F]{2,40}$",
        "examples": [
          "4F1A9C03D2B6E87A"
        ]
      },
      "Timestamp": {
        "description": "RFC 3339 time in UTC.",
        "type": "string",
        "format": "date-time",
        "examples": [
          "2026-11-25T08:00:00.000Z"
        ]
      },
      "Pem": {
        "description": "A PEM certificate (`-----BEGIN CERTIFICATE-----` …).",
        "type": "string",
        "pattern": "^-----BEGIN CERTIFICATE-----\\r?\\n"
      },
      "CertificateStatus": {
        "description": "`revoked` wins; `expired` after `notAfter`; `renewal-due` from `renewFrom` until `notAfter`.",
        "type": "string",
        "enum": [
          "valid",
          "renewal-due",
          "expired",
          "revoked"
        ]
      },
      "DeviceKind": {
        "type": "string",
        "enum": [
          "pc",
          "mobile"
        ]
      },
      "Device": {
        "description": "Where the certificate's key lives.",
        "type": "object",
        "required": [
          "kind",
          "label"
        ],
        "properties": {
          "kind": {
            "$ref": "#/components/schemas/DeviceKind"
          },
          "label": {
            "type": "string",
            "description": "Shown to the user, e.g. 電腦版 or the phone model."
          }
        }
      },
      "ServerCertificate": {
        "description": "A certificate as the backend knows it.",
        "type": "object",
        "required": [
          "serialNumber",
          "idNumber",
          "format",
          "usage",
          "device",
          "notBefore",
          "notAfter",
          "status",
          "renewFrom",
          "renewUntil"
        ],
        "properties": {
          "serialNumber": {
            "$ref": "#/components/schemas/SerialNumber"
          },
          "idNumber": {
            "type": "string",
            "description": "Masked ID number, e.g. `A103******`."
          },
          "format": {
            "type": "string",
            "description": "Certificate format shown to the user, e.g. `EC+`."
          },
          "usage": {
            "type": "string",
            "enum": [
              "e-trading"
            ],
            "description": "What the certificate is for: 電子交易."
          },
          "device": {
            "$ref": "#/components/schemas/Device"
          },
          "notBefore": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "notAfter": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "status": {
            "$ref": "#/components/schemas/CertificateStatus"
          },
          "renewFrom": {
            "$ref": "#/components/schemas/Timestamp",
            "description": "`notAfter` − `renewBeforeDays`."
          },
          "renewUntil": {
            "$ref": "#/components/schemas/Timestamp",
            "description": "`notAfter` + `renewAfterDays`."
          },
          "revokedAt": {
            "$ref": "#/components/schemas/Timestamp",
            "description": "When it was revoked; only when `status` is `revoked`."
          }
        },
        "examples": [
          {
            "serialNumber": "4F1A9C03D2B6E87A",
            "idNumber": "A103******",
            "format": "EC+",
            "usage": "e-trading",
            "device": {
              "kind": "pc",
              "label": "電腦版"
            },
            "notBefore": "2026-01-05T02:00:00.000Z",
            "notAfter": "2027-01-05T02:00:00.000Z",
            "status": "valid",
            "renewFrom": "2026-12-06T02:00:00.000Z",
            "renewUntil": "2027-02-04T02:00:00.000Z"
          }
        ]
      },
      "CertificatePolicy": {
        "description": "The CA's policy for this customer.",
        "type": "object",
        "required": [
          "validityDays",
          "renewBeforeDays",
          "renewAfterDays",
          "revocationsPerYear",
          "revocationsLeft"
        ],
        "properties": {
          "validityDays": {
            "type": "integer",
            "minimum": 1,
            "maximum": 3650,
            "description": "Validity of a new certificate (365); at most ten years."
          },
          "renewBeforeDays": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3650,
            "description": "Renewal opens this many days before `notAfter` (30)."
          },
          "renewAfterDays": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3650,
            "description": "Renewal stays open this many days after `notAfter` (30)."
          },
          "revocationsPerYear": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000,
            "description": "Online revocations allowed in any 365 days (3)."
          },
          "revocationsLeft": {
            "type": "integer",
            "minimum": 0,
            "maximum": 1000,
            "description": "Online revocations left now."
          }
        },
        "examples": [
          {
            "validityDays": 365,
            "renewBeforeDays": 30,
            "renewAfterDays": 30,
            "revocationsPerYear": 3,
            "revocationsLeft": 3
          }
        ]
      },
      "CertificatesResponse": {
        "description": "Every certificate of the customer (PC and other devices), newest first, and the policy.",
        "type": "object",
        "required": [
          "items",
          "policy"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ServerCertificate"
            }
          },
          "policy": {
            "$ref": "#/components/schemas/CertificatePolicy"
          }
        },
        "examples": [
          {
            "items": [
              {
                "serialNumber": "4F1A9C03D2B6E87A",
                "idNumber": "A103******",
                "format": "EC+",
                "usage": "e-trading",
                "device": {
                  "kind": "pc",
                  "label": "電腦版"
                },
                "notBefore": "2026-01-05T02:00:00.000Z",
                "notAfter": "2027-01-05T02:00:00.000Z",
                "status": "valid",
                "renewFrom": "2026-12-06T02:00:00.000Z",
                "renewUntil": "2027-02-04T02:00:00.000Z"
              },
              {
                "serialNumber": "5A00C1D2E3F40516",
                "idNumber": "A103******",
                "format": "EC+",
                "usage": "e-trading",
                "device": {
                  "kind": "mobile",
                  "label": "行動版 (iPhone)"
                },
                "notBefore": "2025-06-01T02:00:00.000Z",
                "notAfter": "2026-06-01T02:00:00.000Z",
                "status": "renewal-due",
                "renewFrom": "2026-05-02T02:00:00.000Z",
                "renewUntil": "2026-07-01T02:00:00.000Z"
              }
            ],
            "policy": {
              "validityDays": 365,
              "renewBeforeDays": 30,
              "renewAfterDays": 30,
              "revocationsPerYear": 3,
              "revocationsLeft": 2
            }
          }
        ]
      },
      "CertificateDetail": {
        "description": "A certificate with its PEM and its chain (issuing CA, then root; never the leaf).",
        "allOf": [
          {
            "$ref": "#/components/schemas/ServerCertificate"
          },
          {
            "type": "object",
            "required": [
              "certificate",
              "chain"
            ],
            "properties": {
              "certificate": {
                "$ref": "#/components/schemas/Pem"
              },
              "chain": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/Pem"
                }
              }
            }
          }
        ],
        "examples": [
          {
            "serialNumber": "4F1A9C03D2B6E87A",
            "idNumber": "A103******",
            "format": "EC+",
            "usage": "e-trading",
            "device": {
              "kind": "pc",
              "label": "電腦版"
            },
            "notBefore": "2026-01-05T02:00:00.000Z",
            "notAfter": "2027-01-05T02:00:00.000Z",
            "status": "valid",
            "renewFrom": "2026-12-06T02:00:00.000Z",
            "renewUntil": "2027-02-04T02:00:00.000Z",
            "certificate": "-----BEGIN CERTIFICATE-----\nMIIC…(leaf)…\n-----END CERTIFICATE-----\n",
            "chain": [
              "-----BEGIN CERTIFICATE-----\nMIIB…(issuing CA)…\n-----END CERTIFICATE-----\n",
              "-----BEGIN CERTIFICATE-----\nMIIB…(root CA)…\n-----END CERTIFICATE-----\n"
            ]
          }
        ]
      },
      "CertificateStatusResponse": {
        "description": "A certificate's status now; `unknown` when the backend cannot tell.",
        "type": "object",
        "required": [
          "serialNumber",
          "status"
        ],
        "properties": {
          "serialNumber": {
            "$ref": "#/components/schemas/SerialNumber"
          },
          "status": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/CertificateStatus"
              },
              {
                "type": "string",
                "const": "unknown"
              }
            ]
          },
          "revokedAt": {
            "$ref": "#/components/schemas/Timestamp"
          }
        },
        "examples": [
          {
            "serialNumber": "4F1A9C03D2B6E87A",
            "status": "revoked",
            "revokedAt": "2026-11-25T08:00:00.000Z"
          }
        ]
      },
      "Profile": {
        "description": "The signed-in customer; everything that identifies them is masked.",
        "type": "object",
        "required": [
          "idNumber",
          "name",
          "phone",
          "email"
        ],
        "properties": {
          "idNumber": {
            "type": "string",
            "description": "Masked, e.g. `A103******`."
          },
          "name": {
            "type": "string"
          },
          "phone": {
            "type": "string",
            "description": "Masked, e.g. `0966****06`."
          },
          "email": {
            "type": "string",
            "description": "Masked, e.g. `c*****n@i.com`."
          }
        },
        "examples": [
          {
            "idNumber": "A103******",
            "name": "王小明",
            "phone": "0966****06",
            "email": "c*****n@i.com"
          }
        ]
      },
      "OtpPurpose": {
        "description": "The one operation a code (and its otpToken) is good for.",
        "type": "string",
        "enum": [
          "apply",
          "renew",
          "revoke"
        ]
      },
      "OtpRequest": {
        "type": "object",
        "required": [
          "purpose"
        ],
        "additionalProperties": false,
        "properties": {
          "purpose": {
            "$ref": "#/components/schemas/OtpPurpose"
          }
        },
        "examples": [
          {
            "purpose": "apply"
          }
        ]
      },
      "OtpChannelKind": {
        "type": "string",
        "enum": [
          "sms",
          "email"
        ]
      },
      "OtpChannel": {
        "description": "Where a code was sent, masked.",
        "type": "object",
        "required": [
          "kind",
          "to"
        ],
        "properties": {
          "kind": {
            "$ref": "#/components/schemas/OtpChannelKind"
          },
          "to": {
            "type": "string",
            "description": "Masked phone number or e-mail address."
          }
        }
      },
      "OtpChallenge": {
        "description": "A code was sent; the code itself is never in a response.",
        "type": "object",
        "required": [
          "otpId",
          "purpose",
          "expiresAt",
          "ttlSeconds",
          "codeLength",
          "channels"
        ],
        "properties": {
          "otpId": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "pattern": "^[A-Za-z0-9_-]+$",
            "description": "Letters, digits, `_` and `-`: always one path segment."
          },
          "purpose": {
            "$ref": "#/components/schemas/OtpPurpose"
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "ttlSeconds": {
            "type": "integer",
            "minimum": 1,
            "description": "How long the code lives (60)."
          },
          "codeLength": {
            "type": "integer",
            "minimum": 4,
            "maximum": 8,
            "description": "Digits in the code (4)."
          },
          "channels": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/components/schemas/OtpChannel"
            }
          }
        },
        "examples": [
          {
            "otpId": "otp_7QK2M9",
            "purpose": "apply",
            "expiresAt": "2026-11-25T08:01:00.000Z",
            "ttlSeconds": 60,
            "codeLength": 4,
            "channels": [
              {
                "kind": "sms",
                "to": "0966****06"
              },
              {
                "kind": "email",
                "to": "c*****n@i.com"
              }
            ]
          }
        ]
      },
      "OtpVerificationRequest": {
        "type": "object",
        "required": [
          "code"
        ],
        "additionalProperties": false,
        "properties": {
          "code": {
            "type": "string",
            "pattern": "^[0-9]{4,8}$",
            "description": "The digits the customer typed."
          }
        },
        "examples": [
          {
            "code": "4821"
          }
        ]
      },
      "OtpVerification": {
        "description": "The code was right; the token is good for one operation of its purpose.",
        "type": "object",
        "required": [
          "otpToken",
          "expiresAt"
        ],
        "properties": {
          "otpToken": {
            "type": "string",
            "minLength": 16,
            "maxLength": 256
          },
          "expiresAt": {
            "$ref": "#/components/schemas/Timestamp",
            "description": "Five minutes after verification."
          }
        },
        "examples": [
          {
            "otpToken": "ot_9d0c1f6b7e2a4c3d8e5f6a7b8c9d0e1f",
            "expiresAt": "2026-11-25T08:05:30.000Z"
          }
        ]
      },
      "Consent": {
        "description": "The subscriber agreement; apply with its `version`.",
        "type": "object",
        "required": [
          "version",
          "title",
          "text"
        ],
        "properties": {
          "version": {
            "type": "string",
            "minLength": 1
          },
          "title": {
            "type": "string"
          },
          "text": {
            "type": "string",
            "description": "Plain text, paragraphs separated by blank lines."
          }
        },
        "examples": [
          {
            "version": "2026-01",
            "title": "電子交易憑證申請同意書",
            "text": "一、憑證的用途\n本憑證僅供您於本公司進行網路下單…\n\n二、身分確認與資料正確\n…"
          }
        ]
      },
      "CsrPem": {
        "description": "PKCS#10 certificate request in PEM (`-----BEGIN CERTIFICATE REQUEST-----`).",
        "type": "string",
        "pattern": "^-----BEGIN CERTIFICATE REQUEST-----\\r?\\n",
        "maxLength": 16384
      },
      "ApplyRequest": {
        "type": "object",
        "required": [
          "csr",
          "otpToken",
          "consentVersion"
        ],
        "additionalProperties": false,
        "properties": {
          "csr": {
            "$ref": "#/components/schemas/CsrPem"
          },
          "otpToken": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "description": "From a verification of purpose `apply`."
          },
          "consentVersion": {
            "type": "string",
            "minLength": 1,
            "description": "The `version` of the agreement the customer accepted."
          }
        },
        "examples": [
          {
            "csr": "-----BEGIN CERTIFICATE REQUEST-----\nMIICWjCCAUICAQAw…\n-----END CERTIFICATE REQUEST-----\n",
            "otpToken": "ot_9d0c1f6b7e2a4c3d8e5f6a7b8c9d0e1f",
            "consentVersion": "2026-01"
          }
        ]
      },
      "RenewalRequest": {
        "type": "object",
        "required": [
          "csr",
          "otpToken",
          "proof"
        ],
        "additionalProperties": false,
        "properties": {
          "csr": {
            "$ref": "#/components/schemas/CsrPem"
          },
          "otpToken": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "description": "From a verification of purpose `renew`."
          },
          "proof": {
            "type": "string",
            "contentEncoding": "base64",
            "pattern": "^[A-Za-z0-9+/]+={0,2}$",
            "maxLength": 65536,
            "description": "Base64 of a detached CMS SignedData over the new CSR's DER, signed with the current certificate's key."
          }
        },
        "examples": [
          {
            "csr": "-----BEGIN CERTIFICATE REQUEST-----\nMIICWjCCAUICAQAw…\n-----END CERTIFICATE REQUEST-----\n",
            "otpToken": "ot_0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "proof": "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADALBgkqhkiG9w0BBwGggDGCAb0w"
          }
        ]
      },
      "RevocationReason": {
        "description": "RFC 5280 reason; `unspecified` when absent.",
        "type": "string",
        "enum": [
          "unspecified",
          "keyCompromise",
          "affiliationChanged",
          "superseded",
          "cessationOfOperation"
        ]
      },
      "RevocationRequest": {
        "type": "object",
        "required": [
          "otpToken"
        ],
        "additionalProperties": false,
        "properties": {
          "otpToken": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "description": "From a verification of purpose `revoke`."
          },
          "reason": {
            "$ref": "#/components/schemas/RevocationReason"
          }
        },
        "examples": [
          {
            "otpToken": "ot_9d0c1f6b7e2a4c3d8e5f6a7b8c9d0e1f",
            "reason": "keyCompromise"
          }
        ]
      },
      "RevocationResult": {
        "description": "The certificate, now revoked, and the online revocations left.",
        "allOf": [
          {
            "$ref": "#/components/schemas/ServerCertificate"
          },
          {
            "type": "object",
            "required": [
              "revocationsLeft",
              "revokedAt"
            ],
            "properties": {
              "revocationsLeft": {
                "type": "integer",
                "minimum": 0,
                "maximum": 1000
              },
              "revokedAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          }
        ],
        "examples": [
          {
            "serialNumber": "4F1A9C03D2B6E87A",
            "idNumber": "A103******",
            "format": "EC+",
            "usage": "e-trading",
            "device": {
              "kind": "pc",
              "label": "電腦版"
            },
            "notBefore": "2026-01-05T02:00:00.000Z",
            "notAfter": "2027-01-05T02:00:00.000Z",
            "status": "revoked",
            "renewFrom": "2026-12-06T02:00:00.000Z",
            "renewUntil": "2027-02-04T02:00:00.000Z",
            "revokedAt": "2026-11-25T08:00:00.000Z",
            "revocationsLeft": 2
          }
        ]
      },
      "AnnouncementLevel": {
        "type": "string",
        "enum": [
          "info",
          "warning"
        ]
      },
      "Announcement": {
        "type": "object",
        "required": [
          "id",
          "title",
          "body",
          "publishedAt",
          "level"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "body": {
            "type": "string",
            "description": "Plain text."
          },
          "publishedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "level": {
            "$ref": "#/components/schemas/AnnouncementLevel"
          }
        },
        "examples": [
          {
            "id": "ann-2026-11-maintenance",
            "title": "系統維護公告",
            "body": "憑證中心將於週六凌晨 01:00 至 05:00 進行系統維護。",
            "publishedAt": "2026-11-20T02:00:00.000Z",
            "level": "warning"
          }
        ]
      },
      "AnnouncementsResponse": {
        "type": "object",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Announcement"
            }
          }
        },
        "examples": [
          {
            "items": [
              {
                "id": "ann-2026-11-maintenance",
                "title": "系統維護公告",
                "body": "憑證中心將於週六凌晨 01:00 至 05:00 進行系統維護。",
                "publishedAt": "2026-11-20T02:00:00.000Z",
                "level": "warning"
              }
            ]
          }
        ]
      }
    }
  }
};
