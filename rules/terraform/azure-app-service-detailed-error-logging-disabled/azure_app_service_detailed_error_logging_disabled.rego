# METADATA
# title: App Service web app does not log detailed error messages
# description: |
#   Detailed error logging keeps, on the app's file system, the full error page of every
#   response with status 400 or above; clients still get the generic page. Without it, the cause
#   of a failed request is harder to find after the fact. The pages come from IIS, so Windows
#   apps produce them. The setting is logs.detailed_error_messages_enabled on
#   azurerm_app_service and logs.detailed_error_messages on azurerm_linux_web_app and
#   azurerm_windows_web_app; both default to false.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/troubleshoot-diagnostic-logs#enable-web-server-logging
# custom:
#   id: azure-app-service-detailed-error-logging-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_65]
package converge.rules.terraform.azure_app_service_detailed_error_logging_disabled

import rego.v1

import data.converge.lib.appservice

attribute := {
	"azurerm_app_service": "detailed_error_messages_enabled",
	"azurerm_linux_web_app": "detailed_error_messages",
	"azurerm_windows_web_app": "detailed_error_messages",
}

findings contains f if {
	some app in appservice.all_web_apps
	name := attribute[app.kind]
	appservice.block_bool_not_true(app.body, "logs", name)
	v := appservice.block_value(app.body, "logs", name)
	f := {
		"msg": sprintf("%s.%s does not log detailed error messages: logs.%s %s", [app.kind, app.name, name, appservice.describe(v)]),
		"route": appservice.block_route(app, "logs", name),
	}
}
