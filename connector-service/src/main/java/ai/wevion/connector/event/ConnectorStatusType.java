package ai.wevion.connector.event;

/** The types of connector-status events (docs/events/connector-status.schema.json); a test keeps them equal to the schema's. */
public enum ConnectorStatusType {
    AD_ACCOUNT_GATE_CHANGED,
    CONNECTOR_STATUS_CHANGED
}
