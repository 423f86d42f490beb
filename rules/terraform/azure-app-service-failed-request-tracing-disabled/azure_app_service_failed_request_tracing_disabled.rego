# METADATA
# title: App Service web app does not trace failed requests
# description: |
#   Failed request tracing records, on the app's file system, how the web server (IIS, so on
#   Windows apps) processed each request that failed: the modules it went through and the time
#   spent in each. Without it, intermittent failures and attacks that end in errors leave little
#   to investigate. The setting is logs.failed_request_tracing_enabled on azurerm_app_service and
#   logs.failed_request_tracing on azurerm_linux_web_app and azurerm_windows_web_app; both
#   default to false.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/troubleshoot-diagnostic-logs#enable-web-server-logging
# custom:
#   id: azure-app-service-failed-request-tracing-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_66]
package converge.rules.terraform.azure_app_service_failed_request_tracing_disabled

import rego.v1

import data.converge.lib.appservice

attribute := {
	"azurerm_app_service": "failed_request_tracing_enabled",
	"azurerm_linux_web_app": "failed_request_tracing",
	"azurerm_windows_web_app": "failed_request_tracing",
}

findings contains f if {
	some app in appservice.all_web_apps
	name := attribute[app.kind]
	appservice.block_bool_not_true(app.body, "logs", name)
	v := appservice.block_value(app.body, "logs", name)
	f := {
		"msg": sprintf("%s.%s does not trace failed requests: logs.%s %s", [app.kind, app.name, name, appservice.describe(v)]),
		"route": appservice.block_route(app, "logs", name),
	}
}
